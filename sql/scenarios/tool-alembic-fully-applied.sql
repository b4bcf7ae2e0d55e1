-- scenario: tool-alembic-fully-applied
-- models: r2's objects are all in but alembic_version says r1 (r2 applied by hand during an
--   incident): Alembic's next upgrade runs r2 again and fails with "already exists". rbshell
--   stamps r2.
-- expect ledgers exit: 0
-- expect ledgers: alembic=public.alembic_version applied=r1
-- expect diagnose --tool alembic: migrations=alembic/upgrade.sql exit=4 finding=alembic-stamp-mismatch version=r2 verdict=fully-applied repair=stamp repaired=0
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE users (id integer, email text);
CREATE TABLE audit (id integer);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO alembic_version (version_num) VALUES ('r1');
