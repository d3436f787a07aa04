-- Review links and reviewers' comments. Like edit keys, review tokens are
-- stored only as SHA-256; a token is looked up by its hash.
CREATE TABLE reviews (
    id          TEXT    PRIMARY KEY NOT NULL,
    design_id   TEXT    NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    token_hash  BLOB    NOT NULL UNIQUE,
    label       TEXT    NOT NULL DEFAULT '',
    expires_at  TEXT,
    revoked_at  TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX reviews_by_design ON reviews (design_id);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    review_id   TEXT    NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    design_id   TEXT    NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    target      TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX comments_by_design ON comments (design_id);
