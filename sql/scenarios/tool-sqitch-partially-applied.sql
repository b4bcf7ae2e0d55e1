-- scenario: tool-sqitch-partially-applied
-- models: `audit` failed at its unique index (duplicate emails): Sqitch recorded a fail
--   event and left its table, so its next deploy fails with "already exists". rbshell runs the
--   revert script over what is left.
-- expect ledgers exit: 4
-- expect ledgers: sqitch=sqitch.changes,sqitch.events failed=audit applied=users
-- expect diagnose --tool sqitch: migrations=sqitch exit=4 finding=failed-migration version=audit verdict=partially-applied repair=undo-leftovers repaired=0
\ir ../ledger/sqitch-registry.sql
CREATE TABLE users (id int, email text);
CREATE TABLE audit (id int);
INSERT INTO users VALUES (1, 'a@example.com'), (2, 'a@example.com');
INSERT INTO sqitch.projects (project, creator_name, creator_email) VALUES ('shop', 'Ops', 'ops@example.com');
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committer_name, committer_email, planned_at, planner_name, planner_email) VALUES
  ('c1', 'hc1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com');
INSERT INTO sqitch.events (event, change_id, change, project, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at) VALUES
  ('deploy', 'c1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '2 hours'),
  ('fail', 'c2', 'audit', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '1 hour');
