-- scenario: tool-atlas-clean
-- models: an Atlas database whose every revision applied all its statements.
-- expect ledgers exit: 0
-- expect ledgers: atlas=atlas_schema_revisions.atlas_schema_revisions applied=20240101,20240202
\ir ../ledger/atlas-revisions.sql
INSERT INTO atlas_schema_revisions.atlas_schema_revisions
  (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version) VALUES
  ('20240101', 'init', 2, 2, 2, now() - interval '1 day', 1000, NULL, NULL, 'h1', NULL, 'Atlas CLI v0.30.0'),
  ('20240202', 'add_index', 2, 3, 3, now(), 500, NULL, NULL, 'h2', NULL, 'Atlas CLI v0.30.0');
