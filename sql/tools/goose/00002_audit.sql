-- +goose NO TRANSACTION
-- +goose Up
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);

-- +goose Down
DROP INDEX users_email;
DROP TABLE audit;
