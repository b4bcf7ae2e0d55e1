-- scenario: demo
-- models: the demo's incident, built from the sample migrations (sql/migrations), three schemas:
--   frontend: the concurrent index migration 1700000400 failed half-way and left its index
--   INVALID; 1700000700 committed its SQL but its migrator was killed before finishing the
--   ledger row (pending, yet fully applied). codeintel: 1700001100 crashed after two of its
--   three statements. codeinsights: healthy.
-- needs: migration_logs
-- expect status exit: 4
-- expect diagnose exit: 4
-- expect diagnose frontend: failed-migration@1700000400=not-applied:out invalid-index@1700000400 dead-pending-migration@1700000700=fully-applied:in unapplied-migrations@1700000600
-- expect diagnose codeintel: failed-migration@1700001100=partially-applied:in,in,out unapplied-migrations@1700001200
-- expect diagnose codeinsights: none
\ir lib/ledger.sql
\ir lib/frontend-base.sql
\ir ../migrations/frontend/1700000400_repo_name_trgm_index/up.sql
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'repo_name_trgm'::regclass;
SELECT pg_temp.failed('frontend', 1700000400, 'ERROR: canceling statement due to statement timeout (SQLSTATE 57014)');
\ir ../migrations/frontend/1700000500_audit_log/up.sql
SELECT pg_temp.applied('frontend', 1700000500);
\ir ../migrations/frontend/1700000700_repo_archived/up.sql
SELECT pg_temp.pending('frontend', 1700000700);

\ir ../migrations/codeintel/1700001000_init/up.sql
SELECT pg_temp.applied('codeintel', 1700001000);
CREATE TABLE lsif_dumps (
    id serial PRIMARY KEY,
    upload_id integer NOT NULL REFERENCES lsif_uploads (id)
);
ALTER TABLE lsif_uploads ADD COLUMN state text NOT NULL DEFAULT 'queued';
SELECT pg_temp.failed('codeintel', 1700001100, 'ERROR: terminating connection due to administrator command (SQLSTATE 57P01)');

\ir ../migrations/codeinsights/1700002000_init/up.sql
SELECT pg_temp.applied('codeinsights', 1700002000);
\ir ../migrations/codeinsights/1700002100_series_points/up.sql
SELECT pg_temp.applied('codeinsights', 1700002100);
\ir ../migrations/codeinsights/1700002200_default_series_kind/up.sql
SELECT pg_temp.applied('codeinsights', 1700002200);
