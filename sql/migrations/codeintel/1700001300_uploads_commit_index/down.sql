DROP INDEX IF EXISTS lsif_uploads_commit;
