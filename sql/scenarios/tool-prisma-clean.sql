-- scenario: tool-prisma-clean
-- models: a Prisma Migrate database where 20240202000000_add_index failed once, was resolved
--   with `migrate resolve --rolled-back`, and then deployed: one rolled-back attempt, then a
--   finished one (the newest attempt decides: clean).
-- expect ledgers exit: 0
-- expect ledgers: prisma=public._prisma_migrations applied=20240101000000_init,20240202000000_add_index
\ir ../ledger/prisma-migrations.sql
INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES
  ('a1', 'a1', now() - interval '2 days', '20240101000000_init', NULL, NULL, now() - interval '2 days', 1),
  ('b1', 'b2', NULL, '20240202000000_add_index', 'Database error code: 23505', now() - interval '1 day', now() - interval '1 day', 0),
  ('b2', 'b2', now() - interval '1 hour', '20240202000000_add_index', NULL, NULL, now() - interval '1 hour', 1);
