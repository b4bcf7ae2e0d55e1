-- scenario: tool-prisma-fully-applied
-- models: P3009 after the file's SQL all committed and the deploy was killed before
--   Prisma marked the row finished: the resolution is `migrate resolve --applied`.
-- expect ledgers exit: 4
-- expect ledgers: prisma=public._prisma_migrations failed=20240202000000_add_audit applied=20240101000000_init
-- expect diagnose --tool prisma: migrations=prisma exit=4 finding=failed-migration version=20240202000000_add_audit verdict=fully-applied repair=resolve repaired=0
\ir ../ledger/prisma-migrations.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email_key ON users (email);
INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES
  ('a1', '2e23a80ce9ab6750d6e6ab0bb1d506fe6ce258b3d9310b93502112a9ae53d9d6', now() - interval '2 days', '20240101000000_init', NULL, NULL, now() - interval '2 days', 1),
  ('b1', '27332ed447ec2037ef40b3122855c84dcee9c77653aaf1b0e35a2da576ec751e', NULL, '20240202000000_add_audit', NULL, NULL, now() - interval '1 hour', 0);
