#pragma once
// The one write path (issue 7; docs/adr/0009). Every service write goes through Door::write,
// which does, in order: check the user's role against the matrix, begin a transaction, apply
// the change (the service's own code, which lists what it changed), stamp who and when, append
// an audit row per change with the values before and after, and commit. Any failure on the way
// leaves the database exactly as it was. Only after the outermost commit are the changes announced
// on the session's change hub (services/changehub.h), which the views listen to.
#include "domain/patient.h"
#include "domain/result.h"
#include "services/actor.h"
#include "storage/changelog.h"
#include "storage/transaction.h"
#include "storage/userrepository.h"

#include <optional>
#include <vector>

namespace painmdt::services {

// A failed save: either field errors (for inline messages) or one general message.
struct SaveProblem {
    std::vector<domain::FieldError> fieldErrors;
    QString message;        // when not about one field, e.g. "someone else changed this patient"
    bool forbidden = false; // the user's role may not do this (the command line exits 3)
    bool fault = false;     // the database failed, not the data: an import stops at once
    bool stale = false;     // someone else saved the record first: the form may offer to reload
    QString summary() const;
    Error error() const; // the summary as an Error, for callers that return a Status
};

template <typename T>
struct SaveResult {
    std::optional<T> value;
    SaveProblem problem;
    bool ok() const { return value.has_value(); }

    static SaveResult failed(QString message) { return {std::nullopt, {{}, std::move(message)}}; }
    static SaveResult failed(const Error &e) { return {std::nullopt, {{}, e.message, e.forbidden, e.fault, e.stale}}; }
    static SaveResult refused(const Error &refusal) { return {std::nullopt, {{}, refusal.message, true}}; }
    static SaveResult invalid(std::vector<domain::FieldError> errors) { return {std::nullopt, {std::move(errors), {}}}; }
};

using Changes = std::vector<storage::ChangeRecord>;

class Door {
public:
    Door(storage::Database &db, StampSource stamps);

    const StampSource &stamps() const { return m_stamps; }

    // `apply(const storage::Stamp &, Changes &) -> SaveResult<T>` writes through the
    // repositories and appends what it changed; a result that is not ok rolls everything back.
    template <typename T, typename Apply>
    SaveResult<T> write(domain::Action action, Apply &&apply);

    // Audits something that changes no record: a patient record opened, a report run, a log-in.
    Status record(const storage::ChangeRecord &event);

private:
    // The account as it is now, checked inside the outermost write's transaction (BEGIN IMMEDIATE:
    // no one can change it meanwhile): disabling a user or lowering their role in the users
    // screen reaches a session already logged in at its next write.
    Status accountAllows(domain::Action action);
    bool inTransaction() const; // a write inside a larger one
    void noteWrites(const Changes &changes); // facts cached in this transaction about them are stale
    // After a write: announce it once the outermost transaction has committed, or forget it.
    void settle(const Changes &changes, bool committed);

    storage::Database &m_db;
    storage::ChangeLog m_log;
    storage::UserRepository m_users;
    StampSource m_stamps;
};

template <typename T, typename Apply>
SaveResult<T> Door::write(domain::Action action, Apply &&apply)
{
    if (Status allowed = m_stamps.require(action); !allowed)
        return SaveResult<T>::refused(allowed.failure());
    const bool outermost = !inTransaction();
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<T>::failed(Error{tx.error(), false, true});
    if (Status account = outermost ? accountAllows(action) : success(); !account) {
        (void)tx.rollback();
        return account.failure().forbidden ? SaveResult<T>::refused(account.failure())
                                           : SaveResult<T>::failed(account.failure());
    }
    const storage::Stamp stamp = m_stamps.now();
    Changes changes;
    SaveResult<T> result = apply(stamp, changes);
    noteWrites(changes);
    if (!result.ok()) {
        (void)tx.rollback();
        settle({}, false);
        return result;
    }
    if (Status s = m_log.recordAll(stamp, changes); !s) {
        (void)tx.rollback();
        settle({}, false);
        return SaveResult<T>::failed(Error{s.error(), false, true});
    }
    if (Status s = tx.commit(); !s) {
        settle({}, false);
        return SaveResult<T>::failed(Error{s.error(), false, true});
    }
    settle(changes, true);
    return result;
}

} // namespace painmdt::services
