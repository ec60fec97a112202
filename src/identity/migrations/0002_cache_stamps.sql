-- Version stamps of public content: a write that changes what a public page shows bumps its
-- scope in the same transaction; cached pages rendered from an older version are not served.
CREATE TABLE cache_stamps (
    scope TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
