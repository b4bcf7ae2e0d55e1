-- scenario: tool-atlas-fully-applied
-- models: every statement of 20240202 is in, but Atlas recorded 1 of 3 (its connection
--   dropped as the statements committed): rbshell sets the count to 3, the revision complete.
-- expect ledgers exit: 4
-- expect ledgers: atlas=atlas_schema_revisions.atlas_schema_revisions failed=20240202 applied=20240101
-- expect diagnose --tool atlas: migrations=atlas exit=4 finding=atlas-partial-revision version=20240202 verdict=fully-applied repair=record repaired=0
\ir ../ledger/atlas-revisions.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE TABLE audit_archive (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO atlas_schema_revisions.atlas_schema_revisions
  (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version) VALUES
  ('20240101', 'init', 2, 1, 1, now() - interval '1 day', 1000, NULL, NULL, 'h1', NULL, 'Atlas CLI v0.30.0'),
  ('20240202', 'add_audit', 2, 1, 3, now(), 500, 'driver: bad connection', 'CREATE TABLE audit_archive (id int);', 'h2', NULL, 'Atlas CLI v0.30.0');
