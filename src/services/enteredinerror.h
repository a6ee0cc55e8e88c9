#pragma once
// A record saved by mistake is withdrawn as "entered in error" with a reason, or put back, never
// deleted (schema 12; undo of a new record, issue 8). Called inside a Door::write: the mark and its
// change-log row are one change like any other.
#include "domain/textrules.h"
#include "services/door.h"
#include "storage/sqlvalues.h"

namespace painmdt::services {

inline constexpr auto enteredInErrorColumn = "entered_in_error";

// Sets `record`'s mark to `reason` ("" = live again) if it is still at `expectedVersion`.
template <typename Record>
SaveResult<Record> markEnteredInError(storage::Database &db, const char *table, Record record, int expectedVersion,
                                      const QString &reason, qint64 patientId, const storage::Stamp &stamp,
                                      Changes &changes)
{
    if (record.enteredInError == reason) // a step repeated: nothing to change, and nothing to log
        return SaveResult<Record>::failed(reason.isEmpty() ? QObject::tr("It is not withdrawn.")
                                                           : QObject::tr("It is already withdrawn as entered in error."));
    if (const QString problem = domain::textProblem(reason, domain::TextKind::FreeText, QObject::tr("The reason"));
        !problem.isEmpty())
        return SaveResult<Record>::failed(problem);
    if (Status s = storage::setEnteredInError(db, table, record.id, expectedVersion, reason, stamp.atText(), stamp.actor); !s)
        return SaveResult<Record>::failed(s.failure());
    const QString column = QLatin1String(enteredInErrorColumn);
    changes.push_back({QLatin1String(table), record.id, storage::ChangeAction::Update, {{column, record.enteredInError}},
                       {{column, reason}}, patientId});
    record.enteredInError = reason;
    record.rowVersion = expectedVersion + 1;
    return SaveResult<Record>{record, {}};
}

} // namespace painmdt::services
