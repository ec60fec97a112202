-- Items an organisation adds to its legal list through its own democracy regulation
-- (R-GEN-06: the regulation may extend the law, never restrict it).
CREATE TABLE disclosures_local_categories (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES identity_orgs(id),
    title_vi TEXT NOT NULL,
    title_en TEXT NOT NULL,
    basis TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX disclosures_local_categories_org ON disclosures_local_categories (org_id);
