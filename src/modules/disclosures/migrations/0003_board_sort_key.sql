-- One sortable key per item so the board is read by walking an index, newest first: the
-- first publication time, or a large constant for drafts (shown first to the office).
ALTER TABLE disclosures_items ADD COLUMN sort_key BIGINT NOT NULL DEFAULT 4611686018427387903;
UPDATE disclosures_items SET sort_key = published_at WHERE published_at IS NOT NULL;
CREATE INDEX disclosures_items_sort ON disclosures_items (org_id, sort_key, id);
