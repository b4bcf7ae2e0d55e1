-- scenario: tool-goose-not-applied
-- models: 00002 (`-- +goose NO TRANSACTION`) failed at its first statement: nothing of
--   it is in and goose wrote no row, so it is simply pending.
-- expect ledgers exit: 0
-- expect ledgers: goose=public.goose_db_version applied=1
-- expect diagnose --tool goose: migrations=goose exit=0 finding=none version=2 verdict=not-applied
CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
  tstamp timestamp NULL DEFAULT now(), PRIMARY KEY (id));
CREATE TABLE users (id int, email text);
INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true);
