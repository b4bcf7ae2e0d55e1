ALTER TABLE lsif_uploads DROP CONSTRAINT IF EXISTS lsif_uploads_commit_length;

DROP MATERIALIZED VIEW IF EXISTS lsif_upload_counts;
