CREATE TYPE org_role AS ENUM ('member', 'admin');

CREATE TABLE orgs (
    id serial PRIMARY KEY,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE users ADD COLUMN org_id integer REFERENCES orgs (id) ON DELETE SET NULL;

ALTER TABLE users ADD COLUMN role org_role NOT NULL DEFAULT 'member';
