-- Schema 4: a contact can never be dated before its referral was received (it would give a
-- negative wait). Checked by the database itself, so every writer is held to it, at no extra
-- query per contact.
CREATE TRIGGER contact_not_before_referral_insert
BEFORE INSERT ON contact
WHEN NEW.contact_on < (SELECT received_on FROM referral WHERE id = NEW.referral_id)
BEGIN
    SELECT RAISE(ABORT, 'contact_on is before the referral was received');
END;

CREATE TRIGGER contact_not_before_referral_update
BEFORE UPDATE OF contact_on, referral_id ON contact
WHEN NEW.contact_on < (SELECT received_on FROM referral WHERE id = NEW.referral_id)
BEGIN
    SELECT RAISE(ABORT, 'contact_on is before the referral was received');
END;
