-- Reports: the records office's number register (NĐ 30/2020 Phụ lục I.II.3, R-DOC-04), the
-- narrative drafts of the annual report, and report submissions to the superior organisation.
-- SQLite form; 0001_reports.pg.sql differs only in key columns.

-- One counter per organisation, calendar year and series (a type abbreviation, "CV" for
-- công văn). Numbers restart at 1 each 1 January because the year is part of the key.
CREATE TABLE reports_number_series (
    org_id INTEGER NOT NULL REFERENCES identity_orgs(id),
    year INTEGER NOT NULL,
    series TEXT NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (org_id, year, series)
);

-- Every number handed out, never reused: the unique key refuses a second holder.
CREATE TABLE reports_numbers (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES identity_orgs(id),
    year INTEGER NOT NULL,
    series TEXT NOT NULL,
    number INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    type_name TEXT NOT NULL,
    abstract TEXT NOT NULL DEFAULT '',
    issued_on TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES identity_people(id),
    UNIQUE (org_id, year, series, number)
);

-- The officer's narrative paragraphs of a report, one row per section.
CREATE TABLE reports_narratives (
    org_id INTEGER NOT NULL REFERENCES identity_orgs(id),
    year INTEGER NOT NULL,
    section TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES identity_people(id),
    PRIMARY KEY (org_id, year, section)
);

-- A report sent to the superior organisation's reviewer; the province roll-up reads these.
CREATE TABLE reports_submissions (
    org_id INTEGER NOT NULL REFERENCES identity_orgs(id),
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    number_id INTEGER REFERENCES reports_numbers(id),
    submitted_at INTEGER NOT NULL,
    submitted_by INTEGER REFERENCES identity_people(id),
    figures_json TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (org_id, year, kind)
);
