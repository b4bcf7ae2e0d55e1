CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
