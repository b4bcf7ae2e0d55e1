-- scenario: no-ledger
-- models: a database no migrator has touched (only an application table). status says there
--   is no ledger, creates nothing, and exits 0.
-- expect status exit: 0
-- expect frontend: health=no-ledger ledger=none legacy=none
-- expect codeintel: health=no-ledger ledger=none
-- expect codeinsights: health=no-ledger ledger=none
-- expect diagnose exit: 0
-- expect diagnose frontend: no-ledger
CREATE TABLE users (id serial PRIMARY KEY, name text);
