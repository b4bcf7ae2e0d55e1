-- scenario: tool-prisma-clean
-- models: a Prisma Migrate database (sql/tools/prisma) where 20240202000000_add_audit failed
--   once, was resolved with `migrate resolve --rolled-back`, and then deployed: one rolled-back
--   attempt, then a finished one (the newest attempt decides: clean). Checksums are the files'.
-- expect ledgers exit: 0
-- expect ledgers: prisma=public._prisma_migrations applied=20240101000000_init,20240202000000_add_audit
-- expect diagnose --tool prisma: migrations=prisma exit=0 finding=none
\ir ../ledger/prisma-migrations.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES
  ('a1', '2e23a80ce9ab6750d6e6ab0bb1d506fe6ce258b3d9310b93502112a9ae53d9d6', now() - interval '2 days', '20240101000000_init', NULL, NULL, now() - interval '2 days', 1),
  ('b1', '27332ed447ec2037ef40b3122855c84dcee9c77653aaf1b0e35a2da576ec751e', NULL, '20240202000000_add_audit', 'Database error code: 23505', now() - interval '1 day', now() - interval '1 day', 0),
  ('b2', '27332ed447ec2037ef40b3122855c84dcee9c77653aaf1b0e35a2da576ec751e', now() - interval '1 hour', '20240202000000_add_audit', NULL, NULL, now() - interval '1 hour', 1);
