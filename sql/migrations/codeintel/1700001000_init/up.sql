CREATE TABLE lsif_uploads (
    id serial PRIMARY KEY,
    repository_id integer NOT NULL,
    commit text NOT NULL
);
