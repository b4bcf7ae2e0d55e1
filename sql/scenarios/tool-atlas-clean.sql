-- scenario: tool-atlas-clean
-- models: an Atlas database (sql/tools/atlas) whose every revision applied all its statements.
-- expect ledgers exit: 0
-- expect ledgers: atlas=atlas_schema_revisions.atlas_schema_revisions applied=20240101,20240202
-- expect diagnose --tool atlas: migrations=atlas exit=0 finding=none
\ir ../ledger/atlas-revisions.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE TABLE audit_archive (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO atlas_schema_revisions.atlas_schema_revisions
  (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version) VALUES
  ('20240101', 'init', 2, 1, 1, now() - interval '1 day', 1000, NULL, NULL, 'h1', NULL, 'Atlas CLI v0.30.0'),
  ('20240202', 'add_audit', 2, 3, 3, now(), 500, NULL, NULL, 'h2', NULL, 'Atlas CLI v0.30.0');
