-- scenario: tool-alembic-partially-applied
-- models: r2 half done by hand (audit in, the index not) with alembic_version at r1: no
--   revision matches the catalog, so no stamp is right; rbshell offers none.
-- expect ledgers exit: 0
-- expect ledgers: alembic=public.alembic_version applied=r1
-- expect diagnose --tool alembic: migrations=alembic/upgrade.sql exit=4 finding=alembic-stamp-mismatch version=r2 verdict=partially-applied repair=none
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE users (id integer, email text);
CREATE TABLE audit (id integer);
INSERT INTO alembic_version (version_num) VALUES ('r1');
