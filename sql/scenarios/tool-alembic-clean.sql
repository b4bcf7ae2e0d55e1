-- scenario: tool-alembic-clean
-- models: an Alembic database (sql/tools/alembic: r1 users, r2 audit and a unique index;
--   upgrade.sql is Alembic's own offline rendering of them) at r2, its schema r2's.
-- expect ledgers exit: 0
-- expect ledgers: alembic=public.alembic_version applied=r2
-- expect diagnose --tool alembic: migrations=alembic/upgrade.sql exit=0 finding=none
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE users (id integer, email text);
CREATE TABLE audit (id integer);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO alembic_version (version_num) VALUES ('r2');
