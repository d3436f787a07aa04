-- Milestones: named, immutable snapshots of a design. A review link may
-- point at one instead of the latest state.
CREATE TABLE milestones (
    id          TEXT    PRIMARY KEY NOT NULL,
    design_id   TEXT    NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    document    TEXT    NOT NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX milestones_by_design ON milestones (design_id);

ALTER TABLE reviews ADD COLUMN milestone_id TEXT REFERENCES milestones (id) ON DELETE CASCADE;
