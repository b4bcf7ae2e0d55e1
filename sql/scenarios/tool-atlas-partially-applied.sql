-- scenario: tool-atlas-partially-applied
-- models: 20240202 stopped at its third statement (duplicate emails): Atlas recorded 2
--   of 3 and the catalog agrees (audit and audit_archive in, the index not), so Atlas resumes at
--   statement 3 once the data is fixed; nothing for rbshell to write.
-- expect ledgers exit: 4
-- expect ledgers: atlas=atlas_schema_revisions.atlas_schema_revisions failed=20240202 applied=20240101
-- expect diagnose --tool atlas: migrations=atlas exit=4 finding=atlas-partial-revision version=20240202 verdict=partially-applied repair=none
\ir ../ledger/atlas-revisions.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE TABLE audit_archive (id int);
INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');
INSERT INTO atlas_schema_revisions.atlas_schema_revisions
  (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version) VALUES
  ('20240101', 'init', 2, 1, 1, now() - interval '1 day', 1000, NULL, NULL, 'h1', NULL, 'Atlas CLI v0.30.0'),
  ('20240202', 'add_audit', 2, 2, 3, now(), 500, 'could not create unique index "users_email"', 'CREATE UNIQUE INDEX users_email ON users (email);', 'h2', NULL, 'Atlas CLI v0.30.0');
