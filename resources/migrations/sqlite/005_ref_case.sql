-- Schema 5: refs are matched exactly, and a ref that differs from a stored one only in case is
-- refused (it would make a second patient that displays as the first; issue 6). These indexes
-- make that look-up cheap. Not UNIQUE: a database from an older version may already hold such
-- pairs, and refusing to open it would help nobody.
CREATE INDEX patient_ref_nocase ON patient(patient_ref COLLATE NOCASE);
CREATE INDEX referral_ref_nocase ON referral(referral_ref COLLATE NOCASE);
CREATE INDEX contact_ref_nocase ON contact(contact_ref COLLATE NOCASE) WHERE contact_ref IS NOT NULL;
CREATE INDEX assessment_ref_nocase ON assessment(assessment_ref COLLATE NOCASE) WHERE assessment_ref IS NOT NULL;
