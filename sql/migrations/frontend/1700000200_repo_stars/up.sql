ALTER TABLE repo ADD COLUMN stars integer NOT NULL DEFAULT 0;

CREATE INDEX repo_stars_idx ON repo (stars);

COMMENT ON COLUMN repo.stars IS 'Number of stars, refreshed by the syncer.';
