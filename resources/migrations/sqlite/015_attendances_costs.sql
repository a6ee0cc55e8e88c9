-- Schema 15: hospital and primary-care use, and what it costs (issue 10; clinical reference §4).
-- One row per A&E visit, admission, outpatient or GP appointment, ambulance call-out.
CREATE TABLE attendance (
    id               INTEGER PRIMARY KEY,
    attendance_ref   TEXT UNIQUE,
    patient_id       INTEGER NOT NULL REFERENCES patient(id),
    attended_on      TEXT NOT NULL,
    setting          TEXT NOT NULL CHECK (setting IN ('ae', 'non_elective_admission', 'elective_admission',
                                                      'outpatient_first', 'outpatient_followup', 'gp', 'ambulance')),
    bed_days         INTEGER CHECK (bed_days IS NULL OR bed_days >= 0),
    specialty        TEXT,
    entered_in_error TEXT,
    row_version      INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
);
-- A patient's history (the record, cost-savings windows) and a period's (the attendances report),
-- each holding every column the reports read: read through a date index alone, a year of
-- 2,000,000 attendances went to the table row by row in random order and took 12 s.
CREATE INDEX attendance_patient ON attendance(patient_id, attended_on, setting, bed_days, entered_in_error);
CREATE INDEX attendance_date ON attendance(attended_on, patient_id, setting, bed_days, entered_in_error);
CREATE INDEX attendance_ref_nocase ON attendance(attendance_ref COLLATE NOCASE) WHERE attendance_ref IS NOT NULL;

-- Named sets of unit costs, a source for every figure. The default for reports is the tariff
-- first imported most recently (the highest first id of its lines).
CREATE TABLE tariff_line (
    id           INTEGER PRIMARY KEY,
    tariff       TEXT NOT NULL,
    setting      TEXT NOT NULL CHECK (setting IN ('ae', 'non_elective_admission', 'elective_admission',
                                                  'outpatient_first', 'outpatient_followup', 'gp', 'ambulance', 'bed_day')),
    unit_cost    REAL NOT NULL CHECK (unit_cost >= 0),
    price_year   TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (length(trim(source)) > 0),
    row_version  INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    UNIQUE (tariff, setting)
);

-- What the service cost over a period; reports pro-rate it by days of overlap.
CREATE TABLE service_cost (
    id           INTEGER PRIMARY KEY,
    from_date    TEXT NOT NULL,
    to_date      TEXT NOT NULL,
    cost         REAL NOT NULL CHECK (cost >= 0),
    row_version  INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    UNIQUE (from_date, to_date),
    CHECK (from_date <= to_date)
);
