-- Schema 9: settings the whole team shares (architecture.md: shared configuration lives in the
-- database, audited), starting with how long the app may sit idle before it locks itself.
CREATE TABLE setting (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
