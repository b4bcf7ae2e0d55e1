UPDATE insight_series SET kind = 'capture' WHERE search_query LIKE 'capture:%';

ALTER TABLE insight_series ALTER COLUMN kind SET DEFAULT 'search';
