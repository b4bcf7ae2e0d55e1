-- The frontend migrations up to the orgs merge (1700000000 … 1700000300), applied and recorded.
\ir ../../migrations/frontend/1700000000_init/up.sql
SELECT pg_temp.applied('frontend', 1700000000);
\ir ../../migrations/frontend/1700000100_trigram_extension/up.sql
SELECT pg_temp.applied('frontend', 1700000100);
\ir ../../migrations/frontend/1700000200_repo_stars/up.sql
SELECT pg_temp.applied('frontend', 1700000200);
\ir ../../migrations/frontend/1700000300_orgs/up.sql
SELECT pg_temp.applied('frontend', 1700000300);
