-- scenario: tool-alembic-not-applied
-- models: alembic_version says r2 but nothing of r2 is in the catalog (a restore of an older
--   dump over a newer stamp): `alembic upgrade head` would think itself done. rbshell proves the
--   schema is at r1 (r2 not applied) and stamps r1, after which Alembic runs r2.
-- expect ledgers exit: 0
-- expect ledgers: alembic=public.alembic_version applied=r2
-- expect diagnose --tool alembic: migrations=alembic/upgrade.sql exit=4 finding=alembic-stamp-mismatch version=r2 verdict=not-applied repair=stamp repaired=0
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE users (id integer, email text);

INSERT INTO alembic_version (version_num) VALUES ('r2');
