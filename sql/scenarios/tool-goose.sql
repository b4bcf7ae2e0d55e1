-- scenario: tool-goose
-- models: a goose database: 1 and 2 applied, then 2 rolled back (goose inserts a row with
--   is_applied = false on down). goose records no failure: a failed migration leaves no row.
-- expect ledgers exit: 0
-- expect ledgers: goose=public.goose_db_version applied=1 rolled-back=2
CREATE TABLE goose_db_version (
    id serial NOT NULL,
    version_id bigint NOT NULL,
    is_applied boolean NOT NULL,
    tstamp timestamp NULL DEFAULT now(),
    PRIMARY KEY (id)
);
INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), (2, false);
