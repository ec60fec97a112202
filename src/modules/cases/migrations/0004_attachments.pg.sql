-- Attachments (R-KN-06 evidence, R-TC-07): name and content sealed with the organisation's
-- "cases.seal" key, because a letter's scan or a photo can identify a denouncer.
CREATE TABLE cases_attachments (
    id BIGSERIAL PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    name_sealed TEXT NOT NULL,
    content_sealed TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_attachments_case ON cases_attachments(case_id, id);
