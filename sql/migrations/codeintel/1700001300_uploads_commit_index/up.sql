CREATE INDEX CONCURRENTLY IF NOT EXISTS lsif_uploads_commit ON lsif_uploads (commit);
