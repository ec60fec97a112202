-- Open cases per organisation and deadline day, maintained with every write, so the
-- board's due-soon and overdue counts sum a few hundred day rows instead of counting cases.
CREATE TABLE cases_due_counters (
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    due_on TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (org_id, due_on)
);
INSERT INTO cases_due_counters (org_id, due_on, n)
    SELECT org_id, due_on, COUNT(*) FROM cases WHERE is_open = 1 AND due_on IS NOT NULL
    GROUP BY org_id, due_on;
