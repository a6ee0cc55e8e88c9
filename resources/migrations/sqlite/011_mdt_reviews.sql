-- Schema 11: MDT case reviews (issue 8). A meeting, its agenda of patients (each with the
-- discussion and the decisions), and the actions agreed, each with an owner and a due date.
CREATE TABLE mdt_meeting (
    id          INTEGER PRIMARY KEY,
    held_on     TEXT NOT NULL,
    title       TEXT NOT NULL,
    attendees   TEXT NOT NULL DEFAULT '',
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX mdt_meeting_held ON mdt_meeting(held_on);

CREATE TABLE mdt_item (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES mdt_meeting(id),
    patient_id        INTEGER NOT NULL REFERENCES patient(id),
    position          INTEGER NOT NULL,
    suggested_because TEXT NOT NULL DEFAULT '',
    discussion        TEXT NOT NULL DEFAULT '',
    decisions         TEXT NOT NULL DEFAULT '',
    row_version       INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT NOT NULL,
    UNIQUE (meeting_id, patient_id)
);
CREATE INDEX mdt_item_patient ON mdt_item(patient_id);

CREATE TABLE mdt_action (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES mdt_item(id),
    description TEXT NOT NULL,
    owner       TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    done_on     TEXT,
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX mdt_action_item ON mdt_action(item_id);
-- The actions worklist: open actions by owner, soonest due first.
CREATE INDEX mdt_action_open ON mdt_action(owner COLLATE NOCASE, due_on) WHERE done_on IS NULL;
