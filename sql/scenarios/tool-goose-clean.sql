-- scenario: tool-goose-clean
-- models: a goose database with both files of sql/tools/goose applied and recorded.
-- expect ledgers exit: 0
-- expect ledgers: goose=public.goose_db_version applied=1,2
-- expect diagnose --tool goose: migrations=goose exit=0 finding=none
CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
  tstamp timestamp NULL DEFAULT now(), PRIMARY KEY (id));
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true);
