-- Cases: feedback, complaints, denunciations, information requests (legal-spec §4.7).
-- The sender's identity is never stored in clear: `identity_sealed` holds it encrypted with
-- the organisation's "cases.seal" key (R-TC-07, R-GEN-04). Receipt codes are stored only as
-- a BLAKE2b hash. Dates are ISO text, timestamps unix seconds.

CREATE TABLE cases (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    is_open INTEGER NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    respondent TEXT NOT NULL DEFAULT '',
    anonymous INTEGER NOT NULL DEFAULT 0,
    complex INTEGER NOT NULL DEFAULT 0,
    remote INTEGER NOT NULL DEFAULT 0,
    instance INTEGER NOT NULL DEFAULT 1,
    extensions INTEGER NOT NULL DEFAULT 0,
    received_on TEXT NOT NULL,
    due_on TEXT,
    due_rule TEXT,
    due_basis TEXT,
    assignee_id BIGINT REFERENCES identity_people(id),
    filed_by BIGINT REFERENCES identity_people(id),
    receipt_hash TEXT UNIQUE,
    identity_sealed TEXT,
    outcome TEXT NOT NULL DEFAULT '',
    forwarded_to TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_org ON cases(org_id, id);
CREATE INDEX cases_org_due ON cases(org_id, is_open, due_on, id);
CREATE INDEX cases_assignee ON cases(assignee_id, is_open, id);
CREATE INDEX cases_filed_by ON cases(filed_by, id);

-- History: every transition, assignment, extension, classification and identity reveal,
-- with the document number and written reasons the law asks for.
CREATE TABLE cases_events (
    id BIGSERIAL PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES identity_people(id),
    actor_name TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    document_number TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cases_events_case ON cases_events(case_id, id);

-- Messages to and from the citizen, and internal notes (internal = 1) never shown to them.
CREATE TABLE cases_messages (
    id BIGSERIAL PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    at BIGINT NOT NULL,
    from_citizen INTEGER NOT NULL DEFAULT 0,
    internal INTEGER NOT NULL DEFAULT 0,
    author_id BIGINT REFERENCES identity_people(id),
    author_name TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL
);
CREATE INDEX cases_messages_case ON cases_messages(case_id, id);

-- Maintained counts per organisation and status, for the officer board (no COUNT(*) per page).
CREATE TABLE cases_counters (
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (org_id, status)
);

-- Failed receipt-code look-ups, for throttling guesses (every node sees them).
CREATE TABLE cases_track_failures (
    id BIGSERIAL PRIMARY KEY,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX cases_track_failures_ip ON cases_track_failures(ip, at);
CREATE INDEX cases_track_failures_at ON cases_track_failures(at);
