-- migrate:up
CREATE TABLE audit (id int);

-- migrate:down
DROP TABLE audit;

-- migrate:up
CREATE UNIQUE INDEX users_email ON users (email);

-- migrate:down
DROP INDEX users_email;
