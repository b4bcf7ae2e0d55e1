BEGIN;
CREATE TABLE users (id int, email text);
COMMIT;
