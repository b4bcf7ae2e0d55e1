-- scenario: tool-sqitch
-- models: a Sqitch registry (schema `sqitch`, its tables as Sqitch's pg.sql creates them):
--   change `users` deployed; change `widgets` failed (a fail event, not in sqitch.changes).
-- expect ledgers exit: 4
-- expect ledgers: sqitch=sqitch.changes,sqitch.events failed=widgets applied=users
\ir ../ledger/sqitch-registry.sql
INSERT INTO sqitch.projects (project, creator_name, creator_email) VALUES ('shop', 'Ops', 'ops@example.com');
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committer_name, committer_email, planned_at, planner_name, planner_email)
  VALUES ('c1', 'h1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com');
INSERT INTO sqitch.events (event, change_id, change, project, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at) VALUES
  ('deploy', 'c1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '1 hour'),
  ('fail', 'c2', 'widgets', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now());
