-- scenario: diagnose-lock-held
-- models: a healthy database where a session left frontend's migrator lock held (an idle pooled connection after an unlock on the wrong session) and another session holds Prisma Migrate's well-known lock: warnings naming both holders.
-- needs: migration_logs
-- setup: lock frontend
-- setup: lock-key 72707369
-- expect status exit: 0
-- expect diagnose exit: 0
-- expect diagnose frontend: migration-lock-held migration-lock-held
-- expect diagnose codeintel: none
\ir lib/ledger.sql
\ir lib/apply-all.sql
