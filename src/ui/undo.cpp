#include "ui/undo.h"

#include "services/patientservice.h"
#include "services/referralservice.h"

#include <QCoreApplication>

namespace painmdt::ui {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Undo", text); }

// One step: the first redo is the save that already happened.
class ServiceStep : public QUndoCommand {
public:
    ServiceStep(const QString &text, std::function<Status()> undo, std::function<Status()> redo, UndoReport report)
        : QUndoCommand(text), m_undo(std::move(undo)), m_redo(std::move(redo)), m_report(std::move(report))
    {
    }
    void undo() override { run(m_undo, tr("Could not undo: %1")); }
    void redo() override
    {
        if (m_saved) {
            m_saved = false;
            return;
        }
        run(m_redo, tr("Could not redo: %1"));
    }

private:
    void run(const std::function<Status()> &step, const QString &failure)
    {
        if (Status s = step(); !s) {
            m_report(failure.arg(s.error()));
            setObsolete(true); // the stack drops it: it cannot be taken back any more
        }
    }

    std::function<Status()> m_undo, m_redo;
    UndoReport m_report;
    bool m_saved = true;
};

// Puts `wanted`'s values on the record as it is now, only if nobody changed it since `expected`.
template <typename Record, typename Read, typename Write>
Status putBack(Record wanted, int expectedVersion, Read read, Write write)
{
    const auto now = read(wanted.id);
    if (!now)
        return now.failure();
    if (!now->has_value())
        return Error{tr("the record no longer exists.")};
    if (now.value()->rowVersion != expectedVersion)
        return Error{tr("it has been changed since (by you or a colleague); open it and change it by hand.")};
    wanted.rowVersion = expectedVersion;
    const auto saved = write(wanted);
    if (!saved.ok())
        return Error{saved.problem.summary(), saved.problem.forbidden, saved.problem.fault};
    return success();
}

} // namespace

QUndoCommand *patientEdit(services::PatientService &service, domain::Patient before, domain::Patient after,
                          UndoReport report)
{
    auto read = [&service](qint64 id) { return service.byId(id); };
    auto write = [&service](const domain::Patient &p) { return service.update(p); };
    // Each reversal is a change too: the version moves on by one each time.
    auto version = std::make_shared<int>(after.rowVersion);
    return new ServiceStep(
        tr("edit of %1").arg(domain::displayName(after)),
        [=]() mutable { Status s = putBack(before, *version, read, write); *version += s ? 1 : 0; return s; },
        [=]() mutable { Status s = putBack(after, *version, read, write); *version += s ? 1 : 0; return s; },
        std::move(report));
}

QUndoCommand *referralEdit(services::ReferralService &service, domain::Referral before, domain::Referral after,
                           QString text, UndoReport report)
{
    auto read = [&service](qint64 id) { return service.byId(id); };
    auto write = [&service](const domain::Referral &r) { return service.update(r); };
    auto version = std::make_shared<int>(after.rowVersion);
    return new ServiceStep(
        text, [=]() mutable { Status s = putBack(before, *version, read, write); *version += s ? 1 : 0; return s; },
        [=]() mutable { Status s = putBack(after, *version, read, write); *version += s ? 1 : 0; return s; },
        std::move(report));
}

QUndoCommand *flagRaised(services::PatientService &service, domain::PatientFlag flag, UndoReport report)
{
    auto current = std::make_shared<domain::PatientFlag>(std::move(flag));
    return new ServiceStep(
        tr("flag"),
        [&service, current]() { return service.clearFlag(*current, tr("Undone")); },
        [&service, current]() -> Status {
            const auto raised = service.flag(current->patientId, current->reason);
            if (!raised.ok())
                return Error{raised.problem.summary(), raised.problem.forbidden, raised.problem.fault};
            *current = *raised.value;
            return success();
        },
        std::move(report));
}

} // namespace painmdt::ui
