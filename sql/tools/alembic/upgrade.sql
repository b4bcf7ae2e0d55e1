BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> r1

CREATE TABLE users (
    id INTEGER, 
    email TEXT
);

INSERT INTO alembic_version (version_num) VALUES ('r1') RETURNING alembic_version.version_num;

-- Running upgrade r1 -> r2

CREATE TABLE audit (
    id INTEGER
);

CREATE UNIQUE INDEX users_email ON users (email);

UPDATE alembic_version SET version_num='r2' WHERE alembic_version.version_num = 'r1';

COMMIT;

