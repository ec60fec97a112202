-- Notes about a person; the default text holds a ';' to keep the statement splitter honest.
CREATE TABLE notes (
    person_id BIGINT NOT NULL REFERENCES people (id),
    seq INTEGER NOT NULL,
    body TEXT NOT NULL DEFAULT 'ghi chú; chưa có nội dung',
    PRIMARY KEY (person_id, seq)
);
CREATE INDEX notes_by_person ON notes (person_id); -- a trailing comment; with a semicolon
