-- Schema 8: a referral's received_on can no longer be moved after one of its contacts (schema 4
-- checked only contacts moving before their referral; an edited referral gave negative waits).
CREATE TRIGGER referral_received_not_after_contacts
BEFORE UPDATE OF received_on ON referral
WHEN NEW.received_on > (SELECT MIN(contact_on) FROM contact WHERE referral_id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'received_on is after a contact of this referral');
END;
