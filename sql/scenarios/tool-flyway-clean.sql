-- scenario: tool-flyway-clean
-- models: a Flyway database whose history is all successful, after its failed V3 row was taken
--   out and V3 ran again (a later rank).
-- expect ledgers exit: 0
-- expect ledgers: flyway=public.flyway_schema_history applied=1,2,3
\ir ../ledger/flyway-history.sql
CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL);
INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
  (1, '1', 'create orders', 'SQL', 'V1__create_orders.sql', 1234567, 'app', 12, true),
  (2, '2', 'add customer', 'SQL', 'V2__add_customer.sql', -7654321, 'app', 8, true),
  (4, '3', 'index customer', 'SQL', 'V3__index_customer.sql', 42, 'app', 30, true);
