-- Schema 10: case management (issue 8). An episode is a referral in the team's care (the
-- caseload report's definition), so the key worker is the referral's; a contact may carry the
-- time of day it happened; and any team member may flag a patient for the team's attention.
ALTER TABLE referral ADD COLUMN key_worker TEXT;
-- "My caseload": open referrals by key worker, whatever the case of the name as typed or imported
-- (account names are unique regardless of case).
CREATE INDEX referral_key_worker ON referral(key_worker COLLATE NOCASE, received_on) WHERE discharged_on IS NULL;

ALTER TABLE contact ADD COLUMN contact_time TEXT CHECK (contact_time IS NULL OR contact_time GLOB '[0-2][0-9]:[0-5][0-9]');

CREATE TABLE patient_flag (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patient(id),
    reason      TEXT NOT NULL,
    flagged_on  TEXT NOT NULL,
    cleared_on  TEXT,
    cleared_why TEXT,
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    CHECK (cleared_on IS NULL OR cleared_on >= flagged_on)
);
CREATE INDEX patient_flag_open ON patient_flag(patient_id) WHERE cleared_on IS NULL;
