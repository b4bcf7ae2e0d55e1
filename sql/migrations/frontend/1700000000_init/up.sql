CREATE TABLE repo (
    id serial PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE users (
    id serial PRIMARY KEY,
    username text NOT NULL UNIQUE
);
