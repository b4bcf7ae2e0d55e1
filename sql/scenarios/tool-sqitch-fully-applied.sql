-- scenario: tool-sqitch-fully-applied
-- models: `audit`'s deploy script ran to the end but its verify failed, and Sqitch's own
--   revert of it failed too: a fail event, and all of it still in. rbshell runs the revert script.
-- expect ledgers exit: 4
-- expect ledgers: sqitch=sqitch.changes,sqitch.events failed=audit applied=users
-- expect diagnose --tool sqitch: migrations=sqitch exit=4 finding=failed-migration version=audit verdict=fully-applied repair=undo-leftovers repaired=0
\ir ../ledger/sqitch-registry.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
CREATE UNIQUE INDEX users_email ON users (email);
INSERT INTO sqitch.projects (project, creator_name, creator_email) VALUES ('shop', 'Ops', 'ops@example.com');
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committer_name, committer_email, planned_at, planner_name, planner_email) VALUES
  ('c1', 'hc1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com');
INSERT INTO sqitch.events (event, change_id, change, project, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at) VALUES
  ('deploy', 'c1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '2 hours'),
  ('fail', 'c2', 'audit', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '1 hour');
