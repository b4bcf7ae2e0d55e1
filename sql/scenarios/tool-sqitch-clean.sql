-- scenario: tool-sqitch-clean
-- models: a Sqitch registry (sql/tools/sqitch) where `audit` failed once and was deployed on the
--   next run: its newest event is a deploy and it is in sqitch.changes.
-- expect ledgers exit: 0
-- expect ledgers: sqitch=sqitch.changes,sqitch.events applied=users,audit
-- expect diagnose --tool sqitch: migrations=sqitch exit=0 finding=none
\ir ../ledger/sqitch-registry.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO sqitch.projects (project, creator_name, creator_email) VALUES ('shop', 'Ops', 'ops@example.com');
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committer_name, committer_email, planned_at, planner_name, planner_email) VALUES
  ('c1', 'hc1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com'),
  ('c2', 'hc2', 'audit', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com');
INSERT INTO sqitch.events (event, change_id, change, project, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at) VALUES
  ('deploy', 'c1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '2 hours'),
  ('fail', 'c2', 'audit', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '1 hour'),
  ('deploy', 'c2', 'audit', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '1 minute');
