-- Applies every frontend sample migration, each recorded as applied.
\ir frontend-base.sql
\ir ../../migrations/frontend/1700000400_repo_name_trgm_index/up.sql
SELECT pg_temp.applied('frontend', 1700000400);
\ir ../../migrations/frontend/1700000500_audit_log/up.sql
SELECT pg_temp.applied('frontend', 1700000500);
\ir ../../migrations/frontend/1700000600_repo_summary/up.sql
SELECT pg_temp.applied('frontend', 1700000600);
\ir ../../migrations/frontend/1700000700_repo_archived/up.sql
SELECT pg_temp.applied('frontend', 1700000700);
