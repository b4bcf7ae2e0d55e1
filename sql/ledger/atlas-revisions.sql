-- Atlas's revisions table, in the schema atlas_schema_revisions as Atlas keeps it for a database-wide URL: for scenarios.
CREATE SCHEMA atlas_schema_revisions;
CREATE TABLE atlas_schema_revisions.atlas_schema_revisions (
    version character varying NOT NULL PRIMARY KEY,
    description character varying NOT NULL,
    type bigint NOT NULL DEFAULT 2,
    applied bigint NOT NULL DEFAULT 0,
    total bigint NOT NULL DEFAULT 0,
    executed_at timestamptz NOT NULL,
    execution_time bigint NOT NULL,
    error text NULL,
    error_stmt text NULL,
    hash character varying NOT NULL,
    partial_hashes jsonb NULL,
    operator_version character varying NOT NULL
);
