-- Nothing to do on PostgreSQL: a tsvector prefix query (':*') is a range scan of the GIN
-- index's sorted entries whatever the prefix length (0007 only changes SQLite's FTS5 table).
SELECT 1;
