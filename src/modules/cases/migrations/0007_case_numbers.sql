-- Case numbers (số thụ lý, "15/2026"): one register per organisation and year of receipt.
-- A number is taken in the transaction that writes the case, so a case that is rolled back
-- gives its number back: no gaps in normal operation. The UPDATE of the series row takes
-- its lock first, so two writers never read the same number (PostgreSQL re-reads the row
-- after the first commits; SQLite writers are serial). Existing cases are numbered by id.
CREATE TABLE cases_number_series (
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (org_id, year)
);
ALTER TABLE cases ADD COLUMN number_year INTEGER;
ALTER TABLE cases ADD COLUMN year_number INTEGER;
UPDATE cases SET number_year = CAST(substr(received_on, 1, 4) AS INTEGER);
CREATE INDEX cases_number_year ON cases(org_id, number_year, id);
UPDATE cases SET year_number = (SELECT COUNT(*) FROM cases c2 WHERE c2.org_id = cases.org_id
    AND c2.number_year = cases.number_year AND c2.id <= cases.id);
INSERT INTO cases_number_series (org_id, year, last_number)
    SELECT org_id, number_year, MAX(year_number) FROM cases GROUP BY org_id, number_year;
CREATE UNIQUE INDEX cases_number ON cases(org_id, number_year, year_number);
