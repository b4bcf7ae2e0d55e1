-- 10,000 application tables of 6 columns (60,000 columns) with a primary key and one more
-- index each (20,000 indexes): a catalog the size of a large instance. Each statement commits on
-- its own (\gexec), so no transaction needs 30,000 locks.
SELECT format('CREATE TABLE bench_t%s (id integer PRIMARY KEY, a text NOT NULL DEFAULT '''', b bigint, c timestamptz DEFAULT now(), d boolean, e jsonb)', i),
       format('CREATE INDEX bench_t%s_b ON bench_t%s (b)', i, i)
FROM generate_series(1, 10000) AS i
\gexec
