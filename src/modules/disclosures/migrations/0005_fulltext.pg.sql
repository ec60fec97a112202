-- Full-text index of each item's current title and body (storage/fulltext.hpp: unaccent,
-- which maps đ to d, under an IMMUTABLE wrapper, and a tsvector GIN index), replacing the
-- folded LIKE column. The statements are those of fulltext::index_ddl. rowid = item id.
SELECT pg_advisory_xact_lock(7262847);
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE OR REPLACE FUNCTION danchu_fts_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT lower(public.unaccent(CAST(''public.unaccent'' AS regdictionary), $1))';
CREATE TABLE disclosures_fts (rowid BIGINT PRIMARY KEY, doc TEXT NOT NULL);
CREATE INDEX disclosures_fts_doc ON disclosures_fts USING GIN (to_tsvector('simple', danchu_fts_fold(doc)));
INSERT INTO disclosures_fts (rowid, doc)
SELECT i.id, v.title || ' ' || v.body FROM disclosures_items i
JOIN disclosures_versions v ON v.item_id = i.id AND v.version = i.current_version;
ALTER TABLE disclosures_items DROP COLUMN search_text;
