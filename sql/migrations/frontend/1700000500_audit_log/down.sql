DROP TRIGGER IF EXISTS repo_audit ON repo;

DROP FUNCTION IF EXISTS record_repo_change();

DROP TABLE IF EXISTS audit_log;
