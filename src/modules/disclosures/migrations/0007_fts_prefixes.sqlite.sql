-- Prefixes of 2 to 7 letters indexed (storage/fulltext.hpp, index_ddl): a search for a common
-- prefix ("cong", of công, cộng, cống...) reads one doclist newest first and stops after a page,
-- instead of merging the doclists of every matching term on each request.
DROP TABLE disclosures_fts;
CREATE VIRTUAL TABLE disclosures_fts USING fts5(doc, tokenize = 'danchu', prefix = '2 3 4 5 6 7');
INSERT INTO disclosures_fts (rowid, doc)
SELECT i.id, v.title || ' ' || v.body FROM disclosures_items i
JOIN disclosures_versions v ON v.item_id = i.id AND v.version = i.current_version;
