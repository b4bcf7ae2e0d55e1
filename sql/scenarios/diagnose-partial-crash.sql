-- scenario: diagnose-partial-crash
-- models: codeintel's 1700001100 was run statement by statement outside a transaction (as an operator pasting it into psql would) and the session died after the first two statements: lsif_dumps and the state column exist, the state index does not.
-- needs: migration_logs
-- expect status exit: 4
-- expect diagnose exit: 4
-- expect diagnose codeintel: failed-migration@1700001100=partially-applied:in,in,out unapplied-migrations@1700001200
\ir lib/ledger.sql
\ir lib/apply-frontend.sql
\ir ../migrations/codeintel/1700001000_init/up.sql
SELECT pg_temp.applied('codeintel', 1700001000);
CREATE TABLE lsif_dumps (
    id serial PRIMARY KEY,
    upload_id integer NOT NULL REFERENCES lsif_uploads (id)
);
ALTER TABLE lsif_uploads ADD COLUMN state text NOT NULL DEFAULT 'queued';
SELECT pg_temp.failed('codeintel', 1700001100, 'ERROR: terminating connection due to administrator command (SQLSTATE 57P01)');
