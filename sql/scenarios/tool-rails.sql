-- scenario: tool-rails
-- models: a Rails (ActiveRecord) database: schema_migrations with text versions next to
--   ar_internal_metadata. Not Sourcegraph's golang-migrate-era table (no `dirty`): status and
--   diagnose find no Sourcegraph ledger and must not trip over it.
-- expect status exit: 0
-- expect frontend: health=no-ledger ledger=none legacy=none
-- expect ledgers exit: 0
-- expect ledgers: rails=public.schema_migrations applied=20240101120000,20240202120000
CREATE TABLE schema_migrations (version character varying NOT NULL PRIMARY KEY);
CREATE TABLE ar_internal_metadata (
    key character varying NOT NULL PRIMARY KEY,
    value character varying,
    created_at timestamp(6) NOT NULL,
    updated_at timestamp(6) NOT NULL
);
INSERT INTO ar_internal_metadata VALUES ('environment', 'production', now(), now());
INSERT INTO schema_migrations (version) VALUES ('20240101120000'), ('20240202120000');
