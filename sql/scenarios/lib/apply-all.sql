-- Applies every sample migration (sql/migrations) in the migrator's order, each recorded as the
-- migrator records a success. Used by scenarios that start from a healthy database.
\ir apply-frontend.sql
\ir ../../migrations/codeintel/1700001000_init/up.sql
SELECT pg_temp.applied('codeintel', 1700001000);
\ir ../../migrations/codeintel/1700001100_upload_state/up.sql
SELECT pg_temp.applied('codeintel', 1700001100);
\ir ../../migrations/codeintel/1700001200_commit_graph/up.sql
SELECT pg_temp.applied('codeintel', 1700001200);
\ir ../../migrations/codeintel/1700001300_uploads_commit_index/up.sql
SELECT pg_temp.applied('codeintel', 1700001300);
\ir ../../migrations/codeinsights/1700002000_init/up.sql
SELECT pg_temp.applied('codeinsights', 1700002000);
\ir ../../migrations/codeinsights/1700002100_series_points/up.sql
SELECT pg_temp.applied('codeinsights', 1700002100);
\ir ../../migrations/codeinsights/1700002200_default_series_kind/up.sql
SELECT pg_temp.applied('codeinsights', 1700002200);
