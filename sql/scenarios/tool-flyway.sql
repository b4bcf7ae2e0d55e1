-- scenario: tool-flyway
-- models: a Flyway database whose V3 (a CREATE INDEX CONCURRENTLY, which Flyway runs outside
--   a transaction) failed: Flyway wrote its row with success = false, and `flyway migrate` now
--   stops with "Detected failed migration to version 3".
-- expect ledgers exit: 4
-- expect ledgers: flyway=public.flyway_schema_history failed=3 applied=1,2
\ir ../ledger/flyway-history.sql
CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL);
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
  (1, '1', 'create orders', 'SQL', 'V1__create_orders.sql', 1234567, 'app', 12, true),
  (2, '2', 'add customer', 'SQL', 'V2__add_customer.sql', -7654321, 'app', 8, true),
  (3, '3', 'index customer', 'SQL', 'V3__index_customer.sql', 42, 'app', 3, false);
