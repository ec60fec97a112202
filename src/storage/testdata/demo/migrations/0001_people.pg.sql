-- PostgreSQL: ids from a sequence.
CREATE TABLE people (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    phone TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

CREATE TABLE migration_marker (source TEXT NOT NULL);
INSERT INTO migration_marker (source) VALUES ('pg-override');
