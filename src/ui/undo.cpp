#include "ui/undo.h"

#include "services/attendanceservice.h"
#include "services/patientservice.h"
#include "services/referralservice.h"

#include <QCoreApplication>
#include <QUndoStack>

#include <map>
#include <memory>
#include <tuple>

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

template <typename T>
Status statusOf(const services::SaveResult<T> &saved)
{
    if (!saved.ok())
        return saved.problem.error();
    return success();
}

// A step on a record whose version moves on by one with each reversal that saved.
template <typename Step>
std::function<Status()> versioned(std::shared_ptr<int> version, Step step)
{
    return [version, step]() {
        Status s = step(*version);
        *version += s ? 1 : 0;
        return s;
    };
}

QString undoneReason() { return tr("Undone after saving"); }

// One version counter per record, shared by every step on it: undoing a triage moves the
// referral's version on, so undoing its registration next must expect that version, not the one
// it saved. Each new step sets the counter to the version its save left.
std::shared_ptr<int> versionOf(const void *service, const char *entity, qint64 id, int saved)
{
    static std::map<std::tuple<const void *, std::string, qint64>, std::weak_ptr<int>> counters;
    std::erase_if(counters, [](const auto &entry) { return entry.second.expired(); });
    auto &slot = counters[{service, entity, id}];
    auto counter = slot.lock();
    if (!counter)
        slot = counter = std::make_shared<int>();
    *counter = saved;
    return counter;
}

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
    return statusOf(write(wanted));
}

} // namespace

void pushSaved(QUndoStack *stack, QUndoCommand *step)
{
    if (stack)
        stack->push(step);
    else
        delete step;
}

QUndoCommand *patientEdit(services::PatientService &service, domain::Patient before, domain::Patient after,
                          UndoReport report)
{
    auto read = [&service](qint64 id) { return service.byId(id); };
    auto write = [&service](const domain::Patient &p) { return service.update(p); };
    // Each reversal is a change too: the version moves on by one each time.
    auto version = versionOf(&service, "patient", after.id, after.rowVersion);
    const QString text = tr("edit of %1").arg(domain::displayName(after));
    return new ServiceStep(text, versioned(version, [=](int v) { return putBack(before, v, read, write); }),
                           versioned(version, [=](int v) { return putBack(after, v, read, write); }), std::move(report));
}

QUndoCommand *referralEdit(services::ReferralService &service, domain::Referral before, domain::Referral after,
                           QString text, UndoReport report)
{
    auto read = [&service](qint64 id) { return service.byId(id); };
    auto write = [&service](const domain::Referral &r) { return service.update(r); };
    auto version = versionOf(&service, "referral", after.id, after.rowVersion);
    return new ServiceStep(text, versioned(version, [=](int v) { return putBack(before, v, read, write); }),
                           versioned(version, [=](int v) { return putBack(after, v, read, write); }), std::move(report));
}

QUndoCommand *flagRaised(services::PatientService &service, domain::PatientFlag flag, UndoReport report)
{
    auto current = std::make_shared<domain::PatientFlag>(std::move(flag));
    return new ServiceStep(
        tr("flag"),
        [&service, current]() { return service.clearFlag(*current, tr("Undone")); },
        [&service, current]() -> Status {
            const auto raised = service.flag(current->patientId, current->reason);
            if (raised.ok())
                *current = *raised.value;
            return statusOf(raised);
        },
        std::move(report));
}

QUndoCommand *contactAdded(services::ReferralService &service, domain::Contact saved, UndoReport report)
{
    auto version = versionOf(&service, "contact", saved.id, saved.rowVersion);
    const qint64 id = saved.id;
    return new ServiceStep(
        tr("new contact"),
        versioned(version, [&service, id](int v) { return statusOf(service.markContact(id, v, undoneReason())); }),
        versioned(version, [&service, id](int v) { return statusOf(service.markContact(id, v, {})); }),
        std::move(report));
}

QUndoCommand *referralAdded(services::ReferralService &service, domain::Referral saved, UndoReport report)
{
    auto version = versionOf(&service, "referral", saved.id, saved.rowVersion);
    const qint64 id = saved.id;
    return new ServiceStep(
        tr("new referral %1").arg(saved.referralRef),
        versioned(version, [&service, id](int v) { return statusOf(service.markReferral(id, v, undoneReason())); }),
        versioned(version, [&service, id](int v) { return statusOf(service.markReferral(id, v, {})); }),
        std::move(report));
}

QUndoCommand *attendanceAdded(services::AttendanceService &service, domain::Attendance saved, UndoReport report)
{
    auto version = versionOf(&service, "attendance", saved.id, saved.rowVersion);
    const qint64 id = saved.id;
    return new ServiceStep(
        tr("new attendance"),
        versioned(version, [&service, id](int v) { return statusOf(service.markInError(id, v, undoneReason())); }),
        versioned(version, [&service, id](int v) { return statusOf(service.markInError(id, v, {})); }),
        std::move(report));
}

QUndoCommand *triageDecided(services::ReferralService &service, domain::Referral before, domain::Referral after,
                            qint64 startbackId, UndoReport report)
{
    auto version = versionOf(&service, "referral", after.id, after.rowVersion);
    auto startback = startbackId > 0 ? versionOf(&service, "assessment", startbackId, 1) : std::make_shared<int>(0);
    auto decide = [&service, startbackId, version, startback](domain::Referral wanted, const QString &startbackError) {
        return [&service, startbackId, version, startback, wanted, startbackError]() {
            domain::Referral at = wanted;
            at.rowVersion = *version;
            const Status s = statusOf(service.setTriage(at, startbackId, *startback, startbackError));
            *version += s ? 1 : 0;
            *startback += s && startbackId > 0 ? 1 : 0;
            return s;
        };
    };
    return new ServiceStep(tr("triage of referral %1").arg(after.referralRef), decide(before, undoneReason()),
                           decide(after, {}), std::move(report));
}

} // namespace painmdt::ui
