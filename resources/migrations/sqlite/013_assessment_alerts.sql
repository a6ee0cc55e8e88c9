-- Schema 13: an answer a clinician must see (hazard H9, e.g. PHQ-9 item 9 above 0 or left blank)
-- raises an alert on the patient, however the answers arrived, open until a clinician
-- acknowledges it with what was done. One alert per administration and rule.
CREATE TABLE assessment_alert (
    id              INTEGER PRIMARY KEY,
    assessment_id   INTEGER NOT NULL REFERENCES assessment(id),
    patient_id      INTEGER NOT NULL REFERENCES patient(id),
    rule            TEXT NOT NULL,
    item            TEXT NOT NULL,
    answer          INTEGER,
    message         TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    acknowledgement TEXT,
    row_version     INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    UNIQUE (assessment_id, rule),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
    CHECK (acknowledged_at IS NULL OR length(trim(acknowledgement)) > 0)
);
-- The banner area and the worklists ask "does this patient have an open alert?".
CREATE INDEX assessment_alert_open ON assessment_alert(patient_id) WHERE acknowledged_at IS NULL;
