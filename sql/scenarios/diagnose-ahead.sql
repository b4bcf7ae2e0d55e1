-- scenario: diagnose-ahead
-- models: the database is ahead of these definitions: a newer release applied frontend migration 1700000800, which sql/migrations does not define (a rollback needs the newer release's definitions). Older history below the root would not count; this is newer.
-- needs: migration_logs
-- expect status exit: 0
-- expect diagnose exit: 0
-- expect diagnose frontend: unknown-applied-migration@1700000800
-- expect diagnose codeintel: none
\ir lib/ledger.sql
\ir lib/apply-all.sql
CREATE TABLE repo_topics (repo_id integer NOT NULL, topic text NOT NULL);
SELECT pg_temp.applied('frontend', 1700000800);
SELECT pg_temp.applied('frontend', 1500000000);
