-- Schema 7: the audit trail is append-only. The database itself refuses to change or remove a
-- row, whoever asks; a row changed with these triggers dropped breaks the hash chain, which
-- `painmdt audit verify` finds.
CREATE TRIGGER change_log_no_update
BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER change_log_no_delete
BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- INSERT OR REPLACE would delete and re-insert a row without firing the DELETE trigger: a new row
-- may never take an existing row's id.
CREATE TRIGGER change_log_no_replace
BEFORE INSERT ON change_log
WHEN EXISTS (SELECT 1 FROM change_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
