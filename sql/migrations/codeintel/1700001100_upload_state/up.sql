CREATE TABLE lsif_dumps (
    id serial PRIMARY KEY,
    upload_id integer NOT NULL REFERENCES lsif_uploads (id)
);

ALTER TABLE lsif_uploads ADD COLUMN state text NOT NULL DEFAULT 'queued';

CREATE INDEX lsif_uploads_state ON lsif_uploads (state);
