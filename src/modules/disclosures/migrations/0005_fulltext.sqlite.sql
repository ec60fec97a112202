-- Full-text index of each item's current title and body (storage/fulltext.hpp: FTS5 with the
-- `danchu` tokenizer, so marks, case and đ are folded), replacing the folded LIKE column.
-- Rowid = item id.
CREATE VIRTUAL TABLE disclosures_fts USING fts5(doc, tokenize = 'danchu', prefix = '2 3');
INSERT INTO disclosures_fts (rowid, doc)
SELECT i.id, v.title || ' ' || v.body FROM disclosures_items i
JOIN disclosures_versions v ON v.item_id = i.id AND v.version = i.current_version;
ALTER TABLE disclosures_items DROP COLUMN search_text;
