-- scenario: tool-sqitch
-- models: a Sqitch registry (schema `sqitch`, its tables as Sqitch's pg.sql creates them):
--   change `users` deployed; change `widgets` failed (a fail event, not in sqitch.changes).
-- expect ledgers exit: 4
-- expect ledgers: sqitch=sqitch.changes,sqitch.events failed=widgets applied=users
CREATE SCHEMA sqitch;
CREATE TABLE sqitch.releases (
    version REAL PRIMARY KEY,
    installed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    installer_name TEXT NOT NULL,
    installer_email TEXT NOT NULL
);
CREATE TABLE sqitch.projects (
    project TEXT PRIMARY KEY,
    uri TEXT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    creator_name TEXT NOT NULL,
    creator_email TEXT NOT NULL
);
CREATE TABLE sqitch.changes (
    change_id TEXT PRIMARY KEY,
    script_hash TEXT NULL,
    change TEXT NOT NULL,
    project TEXT NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    committed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name TEXT NOT NULL,
    committer_email TEXT NOT NULL,
    planned_at TIMESTAMPTZ NOT NULL,
    planner_name TEXT NOT NULL,
    planner_email TEXT NOT NULL,
    UNIQUE(project, script_hash)
);
CREATE TABLE sqitch.events (
    event TEXT NOT NULL CHECK (event IN ('deploy', 'revert', 'fail', 'merge')),
    change_id TEXT NOT NULL,
    change TEXT NOT NULL,
    project TEXT NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    requires TEXT[] NOT NULL DEFAULT '{}',
    conflicts TEXT[] NOT NULL DEFAULT '{}',
    tags TEXT[] NOT NULL DEFAULT '{}',
    committed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name TEXT NOT NULL,
    committer_email TEXT NOT NULL,
    planned_at TIMESTAMPTZ NOT NULL,
    planner_name TEXT NOT NULL,
    planner_email TEXT NOT NULL,
    PRIMARY KEY (change_id, committed_at)
);
INSERT INTO sqitch.projects (project, creator_name, creator_email) VALUES ('shop', 'Ops', 'ops@example.com');
INSERT INTO sqitch.changes (change_id, script_hash, change, project, committer_name, committer_email, planned_at, planner_name, planner_email)
  VALUES ('c1', 'h1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com');
INSERT INTO sqitch.events (event, change_id, change, project, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at) VALUES
  ('deploy', 'c1', 'users', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now() - interval '1 hour'),
  ('fail', 'c2', 'widgets', 'shop', 'Ops', 'ops@example.com', now(), 'Ops', 'ops@example.com', now());
