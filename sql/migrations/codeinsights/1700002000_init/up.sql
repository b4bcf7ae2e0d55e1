CREATE TYPE series_kind AS ENUM ('search', 'capture');

CREATE TABLE insight_series (
    id serial PRIMARY KEY,
    query text NOT NULL,
    kind series_kind NOT NULL
);
