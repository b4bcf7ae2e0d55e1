-- scenario: tool-prisma
-- models: a Prisma Migrate database: 20240101000000_init applied; 20240202000000_add_index
--   failed (its row has neither finished_at nor rolled_back_at), so `prisma migrate deploy`
--   stops with P3009. An earlier attempt of it was rolled back with `migrate resolve`.
-- expect ledgers exit: 4
-- expect ledgers: prisma=public._prisma_migrations failed=20240202000000_add_index applied=20240101000000_init
\ir ../ledger/prisma-migrations.sql
INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES
  ('6f1c…-1', 'a1', now() - interval '2 days', '20240101000000_init', NULL, NULL, now() - interval '2 days', 1),
  ('6f1c…-2', 'b2', NULL, '20240202000000_add_index', 'first attempt', now() - interval '1 day', now() - interval '1 day', 0),
  ('6f1c…-3', 'b2', NULL, '20240202000000_add_index', E'Database error code: 23505\nERROR: could not create unique index "users_email_key"', NULL, now() - interval '1 hour', 0);
