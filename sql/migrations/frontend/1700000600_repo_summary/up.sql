ALTER TABLE repo ALTER COLUMN name SET DEFAULT '';

CREATE SEQUENCE repo_sync_seq;

CREATE VIEW repo_summary AS
    SELECT r.id, r.name, r.stars, count(a.id) AS changes
    FROM repo r LEFT JOIN audit_log a ON a.repo_id = r.id
    GROUP BY r.id;
