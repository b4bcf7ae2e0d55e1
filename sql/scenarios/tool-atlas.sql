-- scenario: tool-atlas
-- models: an Atlas database (its revisions table in the schema `atlas_schema_revisions`, as
--   Atlas keeps it for a database-wide URL) whose file 20240202 ran with `-- atlas:txmode none`
--   and stopped at its second statement: applied 1 of 3, error and error_stmt set. 20240101 was
--   fixed earlier with `atlas migrate set` (type execute|resolved).
-- expect ledgers exit: 4
-- expect ledgers: atlas=atlas_schema_revisions.atlas_schema_revisions failed=20240202 applied=20240101
\ir ../ledger/atlas-revisions.sql
INSERT INTO atlas_schema_revisions.atlas_schema_revisions
  (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version) VALUES
  ('20240101', 'init', 6, 2, 2, now() - interval '1 day', 1000, NULL, NULL, 'h1', NULL, 'Atlas CLI v0.30.0'),
  ('20240202', 'add_index', 2, 1, 3, now(), 500, 'pq: relation "users" does not exist', 'CREATE INDEX CONCURRENTLY users_email ON users (email);', 'h2', '["h:1"]', 'Atlas CLI v0.30.0');
