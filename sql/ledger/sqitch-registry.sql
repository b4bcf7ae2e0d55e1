-- Sqitch's registry on PostgreSQL, as its pg.sql creates it (the tables rbshell reads): for scenarios.
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
