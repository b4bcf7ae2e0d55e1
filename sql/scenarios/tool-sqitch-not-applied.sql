-- scenario: tool-sqitch-not-applied
-- models: `audit` (not wrapped in a transaction) failed at its first statement: Sqitch
--   recorded a fail event and nothing of it is in, so Sqitch's next deploy is the repair:
--   shown, not counted as a problem (exit 0).
-- expect ledgers exit: 4
-- expect ledgers: sqitch=sqitch.changes,sqitch.events failed=audit applied=users
-- expect diagnose --tool sqitch: migrations=sqitch exit=0 finding=failed-migration version=audit verdict=not-applied repair=none
\ir ../ledger/sqitch-registry.sql
CREATE TABLE users (id int, email text);

INSERT INTO sqitch.projects (project, creator_name, creator_email) VALUES ('shop', 'Ops', 'ops@example.com');
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committer_name, committer_email, planned_at, planner_name, planner_email) VALUES
  ('c1', 'hc1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com');
INSERT INTO sqitch.events (event, change_id, change, project, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at) VALUES
  ('deploy', 'c1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '2 hours'),
  ('fail', 'c2', 'audit', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '1 hour');
