ALTER TABLE insight_series RENAME COLUMN search_query TO query;

DROP TABLE IF EXISTS series_points;
