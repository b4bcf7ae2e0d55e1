CREATE TABLE series_points (
    series_id integer NOT NULL REFERENCES insight_series (id),
    at timestamptz NOT NULL,
    value double precision NOT NULL
);

ALTER TYPE series_kind ADD VALUE IF NOT EXISTS 'compute';

ALTER TABLE insight_series RENAME COLUMN query TO search_query;
