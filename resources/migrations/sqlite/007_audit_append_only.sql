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
