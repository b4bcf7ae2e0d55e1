-- scenario: diagnose-clean
-- models: a healthy database: every sample migration of every schema applied and recorded.
-- needs: migration_logs
-- expect status exit: 0
-- expect diagnose exit: 0
-- expect diagnose frontend: none
-- expect diagnose codeintel: none
-- expect diagnose codeinsights: none
\ir lib/ledger.sql
\ir lib/apply-all.sql
