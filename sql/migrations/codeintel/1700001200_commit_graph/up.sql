CREATE MATERIALIZED VIEW lsif_upload_counts AS
    SELECT repository_id, count(*) AS uploads FROM lsif_uploads GROUP BY repository_id;

ALTER TABLE lsif_uploads ADD CONSTRAINT lsif_uploads_commit_length CHECK (length(commit) = 40);
