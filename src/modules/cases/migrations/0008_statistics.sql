-- Statistics (§4.7, R-SUP-XA-04) from a maintained table instead of counting cases per
-- request: one row per organisation, day of receipt, kind and channel, kept in step by every
-- write that changes a figure (intake, classification, acceptance, conclusion). The period of
-- a statistic is the day of receipt, so every later event updates the row of its case's day.
-- SQLite counts days with julianday(); 0008_statistics.pg.sql subtracts dates.
CREATE TABLE cases_stats (
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    received_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    accepted BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    late BIGINT NOT NULL DEFAULT 0,
    days_total BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, received_on, kind, channel)
);
INSERT INTO cases_stats (org_id, received_on, kind, channel, received, accepted, resolved, late,
                         days_total)
    SELECT org_id, received_on, kind, channel, COUNT(*),
           SUM(CASE WHEN EXISTS (SELECT 1 FROM cases_events e WHERE e.case_id = cases.id
                                 AND e.action = 'accepted') THEN 1 ELSE 0 END),
           SUM(CASE WHEN concluded_on IS NOT NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN concluded_on IS NOT NULL AND late = 1 THEN 1 ELSE 0 END),
           SUM(CASE WHEN concluded_on IS NOT NULL
                    THEN CAST(julianday(concluded_on) - julianday(received_on) AS INTEGER)
                    ELSE 0 END)
    FROM cases GROUP BY org_id, received_on, kind, channel;
