-- Schema 2: referrals, their triage and discharge, contacts, questionnaire administrations,
-- and the instrument definitions a service adds (issue 3).

-- Pathways with the service's own community flag (interchange contract: configurable).
CREATE TABLE pathway (
    code       TEXT PRIMARY KEY,
    community  INTEGER NOT NULL CHECK (community IN (0, 1)),
    sort_order INTEGER NOT NULL
);
INSERT INTO pathway(code, community, sort_order) VALUES
    ('advice', 1, 1), ('community_physio', 1, 2), ('psych_informed_physio', 1, 3),
    ('community_pain', 1, 4), ('spinal_service', 1, 5), ('secondary_pain', 0, 6),
    ('secondary_other', 0, 7), ('declined', 0, 8);

CREATE TABLE referral (
    id               INTEGER PRIMARY KEY,
    referral_ref     TEXT NOT NULL UNIQUE,
    patient_id       INTEGER NOT NULL REFERENCES patient(id),
    received_on      TEXT NOT NULL,
    source           TEXT NOT NULL CHECK (source IN ('gp', 'ae', 'inpatient', 'outpatient', 'community', 'self', 'other')),
    priority         TEXT NOT NULL DEFAULT 'routine' CHECK (priority IN ('routine', 'urgent')),
    reason           TEXT,
    referrer         TEXT,
    triaged_on       TEXT,
    pathway          TEXT REFERENCES pathway(code),
    triage_notes     TEXT,
    discharged_on    TEXT,
    discharge_reason TEXT,
    row_version      INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    CHECK ((triaged_on IS NULL) = (pathway IS NULL)),
    CHECK (triaged_on IS NULL OR triaged_on >= received_on),
    CHECK (discharged_on IS NULL OR discharged_on >= received_on)
);
CREATE INDEX referral_patient ON referral(patient_id);
CREATE INDEX referral_received ON referral(received_on);
CREATE INDEX referral_triaged ON referral(triaged_on) WHERE triaged_on IS NOT NULL;
-- The triage worklist: untriaged, not discharged, urgent first then oldest.
CREATE INDEX referral_awaiting_triage ON referral(priority DESC, received_on)
    WHERE triaged_on IS NULL AND discharged_on IS NULL;

CREATE TABLE contact (
    id               INTEGER PRIMARY KEY,
    contact_ref      TEXT UNIQUE,
    referral_id      INTEGER NOT NULL REFERENCES referral(id),
    contact_on       TEXT NOT NULL,
    mode             TEXT NOT NULL CHECK (mode IN ('phone', 'video', 'clinic', 'home_visit', 'ward', 'ae', 'group')),
    outcome          TEXT NOT NULL CHECK (outcome IN ('attended', 'dna', 'cancelled_by_patient', 'cancelled_by_service', 'could_not_contact')),
    staff            TEXT,
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 0 AND 1440),
    next_due_on      TEXT,
    note             TEXT,
    row_version      INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
);
CREATE INDEX contact_referral ON contact(referral_id, contact_on);
-- First contact = earliest attended contact of a referral.
CREATE INDEX contact_attended ON contact(referral_id, contact_on) WHERE outcome = 'attended';

-- One questionnaire administration: the raw answers are kept, with the scores derived by the
-- named scoring version (never only the total).
CREATE TABLE assessment (
    id                 INTEGER PRIMARY KEY,
    assessment_ref     TEXT UNIQUE,
    patient_id         INTEGER NOT NULL REFERENCES patient(id),
    referral_id        INTEGER REFERENCES referral(id),
    instrument         TEXT NOT NULL,
    instrument_version TEXT NOT NULL,
    occasion           TEXT NOT NULL CHECK (occasion IN ('referral', 'assessment', 'review', 'discharge', 'follow_up')),
    collected_on       TEXT NOT NULL,
    collected_by       TEXT,
    mode               TEXT,
    answers            TEXT NOT NULL,
    scores             TEXT NOT NULL,
    complete           INTEGER NOT NULL CHECK (complete IN (0, 1)),
    band               TEXT,
    scoring_version    TEXT NOT NULL,
    row_version        INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL
);
CREATE INDEX assessment_patient ON assessment(patient_id, instrument, collected_on);
CREATE INDEX assessment_referral ON assessment(referral_id, instrument, collected_on);

-- Instrument definitions a service imported (the built-in ones ship in resources).
CREATE TABLE instrument_definition (
    code        TEXT NOT NULL,
    version     TEXT NOT NULL,
    definition  TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    PRIMARY KEY (code, version)
);
