-- Files attached to a disclosure version (type decided by content). The content is stored
-- hex-encoded in TEXT so the same statements run on SQLite and PostgreSQL.
CREATE TABLE disclosures_attachments (
    id BIGSERIAL PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES disclosures_items(id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content TEXT NOT NULL
);
CREATE INDEX disclosures_attachments_item ON disclosures_attachments (item_id, version);
