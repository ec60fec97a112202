-- People of the demo module. SQLite: INTEGER PRIMARY KEY is the rowid, so ids come for free.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    phone TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

/* Which file ran; the tests check that PostgreSQL took the override. */
CREATE TABLE migration_marker (source TEXT NOT NULL);
INSERT INTO migration_marker (source) VALUES ('portable');
