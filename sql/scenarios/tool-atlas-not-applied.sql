-- scenario: tool-atlas-not-applied
-- models: 20240202 (`-- atlas:txmode none`) failed at its first statement: Atlas recorded
--   0 of 3 and the catalog agrees, so `atlas migrate apply` resumes at statement 1 once the
--   error is fixed; nothing for rbshell to write.
-- expect ledgers exit: 4
-- expect ledgers: atlas=atlas_schema_revisions.atlas_schema_revisions failed=20240202 applied=20240101
-- expect diagnose --tool atlas: migrations=atlas exit=4 finding=atlas-partial-revision version=20240202 verdict=not-applied repair=none
\ir ../ledger/atlas-revisions.sql
CREATE TABLE users (id int, email text);

INSERT INTO atlas_schema_revisions.atlas_schema_revisions
  (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version) VALUES
  ('20240101', 'init', 2, 1, 1, now() - interval '1 day', 1000, NULL, NULL, 'h1', NULL, 'Atlas CLI v0.30.0'),
  ('20240202', 'add_audit', 2, 0, 3, now(), 500, 'canceling statement due to lock timeout', 'CREATE TABLE audit (id int);', 'h2', NULL, 'Atlas CLI v0.30.0');
