-- Schema 6: user accounts (issue 7), and the change log becomes the audit trail: any event (a
-- record opened, a report run, a log-in) besides changes, the patient each row is about, and a
-- hash chain. SQLite cannot change a CHECK, so the table is rebuilt; PainMDT then hashes the
-- rows already there, in order (storage/changelog.cpp sealAuditTrail), before schema 7 makes the
-- table append-only.

CREATE TABLE app_user (
    id                 INTEGER PRIMARY KEY,
    user_name          TEXT NOT NULL,
    display_name       TEXT NOT NULL,
    role               TEXT NOT NULL,
    password_hash      TEXT NOT NULL,
    disabled           INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_attempts    INTEGER NOT NULL DEFAULT 0,
    locked_until       TEXT,
    row_version        INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL
);
-- One account per name, whatever its case: "A.Okoro" and "a.okoro" are one person.
CREATE UNIQUE INDEX app_user_name ON app_user(user_name COLLATE NOCASE);

CREATE TABLE audit_rebuild (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    action     TEXT NOT NULL,
    changes    TEXT,
    patient_id INTEGER,
    prev_hash  TEXT,
    hash       TEXT
);
INSERT INTO audit_rebuild(id, at, actor, entity, entity_id, action, changes, patient_id)
    SELECT id, at, actor, entity, entity_id, action, changes,
           CASE WHEN entity = 'patient' THEN entity_id END
    FROM change_log;
DROP TABLE change_log;
ALTER TABLE audit_rebuild RENAME TO change_log;
CREATE INDEX change_log_entity ON change_log(entity, entity_id);
CREATE INDEX change_log_patient ON change_log(patient_id, id) WHERE patient_id IS NOT NULL;
