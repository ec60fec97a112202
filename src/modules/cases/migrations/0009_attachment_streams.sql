-- Attachments sealed as a stream (attachment_stream.hpp): the secretstream header on the
-- attachment, the sealed chunks in order in their own rows, so no file is ever sealed or
-- opened whole. Attachments written before keep their whole sealed content (no header).
ALTER TABLE cases_attachments ADD COLUMN stream_header TEXT;
CREATE TABLE cases_attachment_chunks (
    attachment_id BIGINT NOT NULL REFERENCES cases_attachments(id),
    seq INTEGER NOT NULL,
    sealed TEXT NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);
