-- Slipway on PostgreSQL: the same tables as the SQLite migrations, in one
-- step (this back end starts where SQLite's third migration ends).
-- Timestamps are kept as ISO 8601 text in UTC, as on SQLite, so both back
-- ends answer with the same strings and order them the same way.
CREATE FUNCTION slipway_now() RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- One row per design, the whole document as JSON text. The edit key itself is
-- never stored, only its SHA-256.
CREATE TABLE designs (
    id            TEXT   PRIMARY KEY,
    edit_key_hash BYTEA  NOT NULL,
    revision      BIGINT NOT NULL CHECK (revision >= 1),
    document      TEXT   NOT NULL,
    created_at    TEXT   NOT NULL DEFAULT slipway_now(),
    updated_at    TEXT   NOT NULL DEFAULT slipway_now()
);

-- Named, immutable snapshots of a design.
CREATE TABLE milestones (
    id          TEXT   PRIMARY KEY,
    design_id   TEXT   NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    name        TEXT   NOT NULL,
    revision    BIGINT NOT NULL,
    document    TEXT   NOT NULL,
    created_at  TEXT   NOT NULL DEFAULT slipway_now()
);

CREATE INDEX milestones_by_design ON milestones (design_id);

-- Review links, stored only as the SHA-256 of their tokens.
CREATE TABLE reviews (
    id           TEXT  PRIMARY KEY,
    design_id    TEXT  NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    token_hash   BYTEA NOT NULL UNIQUE,
    label        TEXT  NOT NULL DEFAULT '',
    expires_at   TEXT,
    revoked_at   TEXT,
    created_at   TEXT  NOT NULL DEFAULT slipway_now(),
    milestone_id TEXT  REFERENCES milestones (id) ON DELETE CASCADE
);

CREATE INDEX reviews_by_design ON reviews (design_id);

CREATE TABLE comments (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    review_id   TEXT    NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    design_id   TEXT    NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    target      TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    resolved    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TEXT    NOT NULL DEFAULT slipway_now()
);

CREATE INDEX comments_by_design ON comments (design_id);
