-- Schema 12: a referral, contact or questionnaire saved by mistake is marked "entered in error"
-- with the reason (undo of a new record, issue 8), never deleted: the row and its change log stay,
-- and every list, worklist and report leaves it out. NULL: a live record.
ALTER TABLE referral ADD COLUMN entered_in_error TEXT;
ALTER TABLE contact ADD COLUMN entered_in_error TEXT;
ALTER TABLE assessment ADD COLUMN entered_in_error TEXT;

-- A referral's first contact stays answerable from this index alone (it holds live rows only;
-- adding the column to contact_referral instead made SQLite prefer that index and read every
-- contact row: the waiting-times report took a third longer).
DROP INDEX contact_attended;
CREATE INDEX contact_attended ON contact(referral_id, contact_on) WHERE outcome = 'attended' AND entered_in_error IS NULL;

-- A contact entered in error no longer holds its referral's received date back (schema 8).
DROP TRIGGER referral_received_not_after_contacts;
CREATE TRIGGER referral_received_not_after_contacts
BEFORE UPDATE OF received_on ON referral
WHEN NEW.received_on > (SELECT MIN(contact_on) FROM contact WHERE referral_id = NEW.id AND entered_in_error IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'received_on is after a contact of this referral');
END;
