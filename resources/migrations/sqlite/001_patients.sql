-- Schema 1: the patient registry and the change log every write goes through.
-- Dates are ISO 8601 text (YYYY-MM-DD), timestamps ISO 8601 UTC text: they sort and compare
-- as text in SQLite and PostgreSQL alike.

PRAGMA application_id = 1347241044;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO meta(key, value) VALUES ('application', 'PainMDT');

CREATE TABLE patient (
    id              INTEGER PRIMARY KEY,
    patient_ref     TEXT NOT NULL UNIQUE,
    nhs_number      TEXT CHECK (nhs_number IS NULL OR length(nhs_number) = 10),
    family_name     TEXT NOT NULL,
    given_name      TEXT NOT NULL,
    date_of_birth   TEXT NOT NULL,
    date_of_death   TEXT,
    sex             TEXT CHECK (sex IS NULL OR sex IN ('female', 'male', 'other', 'unknown')),
    postcode        TEXT,
    phone           TEXT,
    gp_practice     TEXT,
    -- search keys: upper-case letters of the names, upper-case ref (domain/patient.h nameKey)
    family_key      TEXT NOT NULL,
    given_key       TEXT NOT NULL,
    ref_key         TEXT NOT NULL,
    row_version     INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT,
    deleted_by      TEXT,
    deletion_reason TEXT,
    CHECK ((deleted_at IS NULL) = (deletion_reason IS NULL))
);

-- One live patient per NHS number; a soft-deleted duplicate does not block the real record.
CREATE UNIQUE INDEX patient_nhs_number ON patient(nhs_number)
    WHERE nhs_number IS NOT NULL AND deleted_at IS NULL;
-- Covers the search box: the list walks this index in name order and checks NHS number and
-- ref prefixes from the index itself, without reading table rows (docs/performance.md).
CREATE INDEX patient_name ON patient(family_key, given_key, date_of_birth, nhs_number, ref_key)
    WHERE deleted_at IS NULL;
CREATE INDEX patient_given ON patient(given_key) WHERE deleted_at IS NULL;
CREATE INDEX patient_ref_key ON patient(ref_key) WHERE deleted_at IS NULL;
CREATE INDEX patient_birth ON patient(date_of_birth) WHERE deleted_at IS NULL;

-- Who changed what and when. Every write through the service layer adds a row in the same
-- transaction; `changes` holds the old and new values of the fields that changed (JSON).
CREATE TABLE change_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    changes   TEXT
);
CREATE INDEX change_log_entity ON change_log(entity, entity_id);
