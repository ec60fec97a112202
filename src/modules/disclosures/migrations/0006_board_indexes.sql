-- Each board filter has an index that also gives the board's order, so a filtered page is read
-- newest first and the walk stops after one page, however large the board.
CREATE INDEX disclosures_items_category ON disclosures_items (org_id, category, sort_key, id);
CREATE INDEX disclosures_items_year ON disclosures_items (org_id, year, sort_key, id);
CREATE INDEX disclosures_items_status ON disclosures_items (org_id, status, sort_key, id);
CREATE INDEX disclosures_items_unread ON disclosures_items (org_id, audience, status, sort_key, id);

-- How many reminders wait for a member in an organisation, kept with every reminder sent and
-- every acknowledgement, so the board shows the figure without counting rows.
CREATE TABLE disclosures_reminder_counts (
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    person_id BIGINT NOT NULL REFERENCES identity_people(id),
    pending BIGINT NOT NULL,
    PRIMARY KEY (org_id, person_id)
);
INSERT INTO disclosures_reminder_counts (org_id, person_id, pending)
SELECT org_id, person_id, COUNT(*) FROM disclosures_reminders GROUP BY org_id, person_id;
