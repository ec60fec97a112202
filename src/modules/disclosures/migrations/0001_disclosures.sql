-- Disclosure items, their versions (published ones are never updated), the signed ledger,
-- acknowledgements and reminders. Timestamps unix seconds, dates ISO text.
CREATE TABLE disclosures_items (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    status TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    category TEXT NOT NULL,
    audience TEXT NOT NULL,
    title TEXT NOT NULL,
    search_text TEXT NOT NULL,
    published_on TEXT,
    published_at BIGINT,
    posting_end TEXT,
    year INTEGER,
    flag_late INTEGER NOT NULL DEFAULT 0,
    flag_short INTEGER NOT NULL DEFAULT 0,
    flag_channels INTEGER NOT NULL DEFAULT 0,
    withdrawn_reason TEXT NOT NULL DEFAULT '',
    ack_count BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES identity_people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX disclosures_items_board ON disclosures_items (org_id, published_at, id);
CREATE INDEX disclosures_items_published ON disclosures_items (org_id, published_on);

CREATE TABLE disclosures_versions (
    item_id BIGINT NOT NULL REFERENCES disclosures_items(id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL,
    audience TEXT NOT NULL,
    decision_ref TEXT NOT NULL,
    decision_date TEXT NOT NULL,
    channels TEXT NOT NULL,
    posting_start TEXT NOT NULL,
    posting_end TEXT,
    late_reason TEXT NOT NULL,
    short_reason TEXT NOT NULL,
    correction_note TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    published_at BIGINT,
    published_by BIGINT REFERENCES identity_people(id),
    PRIMARY KEY (item_id, version)
);

CREATE TABLE disclosures_ledger (
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    seq BIGINT NOT NULL,
    entry TEXT NOT NULL,
    hash TEXT NOT NULL,
    sig TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)
);

-- The detail behind an internal entry's commitment (detail_sha256), for members and audits.
CREATE TABLE disclosures_ledger_private (
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    seq BIGINT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)
);

CREATE TABLE disclosures_acks (
    item_id BIGINT NOT NULL REFERENCES disclosures_items(id),
    person_id BIGINT NOT NULL REFERENCES identity_people(id),
    version INTEGER NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (item_id, person_id)
);

CREATE TABLE disclosures_reminders (
    item_id BIGINT NOT NULL REFERENCES disclosures_items(id),
    person_id BIGINT NOT NULL REFERENCES identity_people(id),
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    at BIGINT NOT NULL,
    PRIMARY KEY (item_id, person_id)
);
