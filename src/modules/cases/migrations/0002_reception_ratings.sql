-- Citizen reception (R-TCD-01/02), satisfaction ratings (R-SUP-XA-04) and what the
-- statistics need to know about each conclusion: its day and whether it was late.

ALTER TABLE cases ADD COLUMN concluded_on TEXT;
ALTER TABLE cases ADD COLUMN late INTEGER NOT NULL DEFAULT 0;

-- The head's reception calendar: one row per reception day, with the day it was posted.
CREATE TABLE cases_reception_days (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    day TEXT NOT NULL,
    hours TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL DEFAULT '',
    topics TEXT NOT NULL DEFAULT '',
    posted_on TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_reception_days_org ON cases_reception_days(org_id, day);

-- What the organisation's public page shows about reception (R-TCD-02, R-PAKN-01 hotline).
CREATE TABLE cases_reception_info (
    org_id BIGINT PRIMARY KEY REFERENCES identity_orgs(id),
    place TEXT NOT NULL DEFAULT '',
    hours TEXT NOT NULL DEFAULT '',
    hotline TEXT NOT NULL DEFAULT '',
    rules TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

-- One rating per closed case, given with the receipt code or by the signed-in sender.
CREATE TABLE cases_ratings (
    case_id BIGINT PRIMARY KEY REFERENCES cases(id),
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    assignee_id BIGINT REFERENCES identity_people(id),
    score INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX cases_ratings_org ON cases_ratings(org_id, at);
