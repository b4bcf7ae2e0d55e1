-- +goose Up
CREATE TABLE users (id int, email text);

-- +goose Down
DROP TABLE users;
