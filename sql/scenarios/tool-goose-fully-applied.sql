-- scenario: tool-goose-fully-applied
-- models: 00002 ran to the end without a transaction and goose was killed before its row:
--   the row is all that is missing.
-- expect ledgers exit: 0
-- expect ledgers: goose=public.goose_db_version applied=1
-- expect diagnose --tool goose: migrations=goose exit=4 finding=unrecorded-migration version=2 verdict=fully-applied repair=record repaired=0
CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
  tstamp timestamp NULL DEFAULT now(), PRIMARY KEY (id));
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true);
