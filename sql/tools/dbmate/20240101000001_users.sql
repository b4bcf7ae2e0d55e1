-- migrate:up
CREATE TABLE users (id int, email text);

-- migrate:down
DROP TABLE users;
