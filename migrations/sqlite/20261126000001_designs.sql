-- Designs: one row per design, the whole document as JSON.
-- The edit key itself is never stored, only its SHA-256, so a copy of the
-- database does not grant edit rights.
CREATE TABLE designs (
    id            TEXT    PRIMARY KEY NOT NULL,
    edit_key_hash BLOB    NOT NULL,
    revision      INTEGER NOT NULL CHECK (revision >= 1),
    document      TEXT    NOT NULL,
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
