DROP INDEX IF EXISTS lsif_uploads_state;

ALTER TABLE lsif_uploads DROP COLUMN IF EXISTS state;

DROP TABLE IF EXISTS lsif_dumps;
