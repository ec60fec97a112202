-- One index per officer list, matching its WHERE and ORDER BY, so each page reads about
-- one page of rows however many cases the organisation holds: all (cases_org), mine, and
-- the kind / status / channel filters, newest first; the due views use cases_org_due.
CREATE INDEX cases_org_assignee ON cases(org_id, assignee_id, id);
CREATE INDEX cases_org_status ON cases(org_id, status, id);
CREATE INDEX cases_org_kind ON cases(org_id, kind, id);
CREATE INDEX cases_org_channel ON cases(org_id, channel, id);
