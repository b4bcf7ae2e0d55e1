DROP TABLE IF EXISTS insight_series;

DROP TYPE IF EXISTS series_kind;
