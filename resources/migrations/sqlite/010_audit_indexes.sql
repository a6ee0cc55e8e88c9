-- Schema 10: the audit screen searches the trail by user and by date (issue 7); the search by
-- patient already has change_log_patient (schema 6). The user index ends in id, so a user's
-- newest rows come straight off it, already in the order shown. Rows are appended in time
-- order, so both indexes grow at their end, which keeps a bulk import cheap.
CREATE INDEX change_log_actor ON change_log(actor, id);
CREATE INDEX change_log_at ON change_log(at);
