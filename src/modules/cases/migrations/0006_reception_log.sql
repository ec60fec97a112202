-- The reception log (sổ tiếp công dân, R-TCD-01/02): one row per citizen received — when,
-- what about, by which officer — and the case made from it. The visitor's name, address and
-- contact are sealed with the organisation's "cases.seal" key like a case's identity, since a
-- visitor may have come to denounce (R-TC-07). The link is kept both ways: the entry names
-- its case, the case its entry.
CREATE TABLE cases_reception_log (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    received_at BIGINT NOT NULL,
    subject TEXT NOT NULL,
    visitor_sealed TEXT,
    officer_id BIGINT REFERENCES identity_people(id),
    officer_name TEXT NOT NULL DEFAULT '',
    case_id BIGINT REFERENCES cases(id)
);
CREATE INDEX cases_reception_log_org ON cases_reception_log(org_id, id);
ALTER TABLE cases ADD COLUMN reception_entry_id BIGINT REFERENCES cases_reception_log(id);
