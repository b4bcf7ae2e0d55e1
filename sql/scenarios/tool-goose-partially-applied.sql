-- scenario: tool-goose-partially-applied
-- models: 00002 runs without a transaction and failed at its unique index: audit is
--   in, no row was written, so goose's next `up` runs it again and fails with "already exists".
-- expect ledgers exit: 0
-- expect ledgers: goose=public.goose_db_version applied=1
-- expect diagnose --tool goose: migrations=goose exit=4 finding=unrecorded-migration version=2 verdict=partially-applied repair=record repaired=0
CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
  tstamp timestamp NULL DEFAULT now(), PRIMARY KEY (id));
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true);
