#include "domain/access.h"

#include <QCoreApplication>

namespace painmdt::domain {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Access", text); }

struct RoleEntry {
    Role role;
    const char *code;
    const char *label;
};

constexpr RoleEntry roles[] = {
    {Role::Admin, "admin", QT_TRANSLATE_NOOP("Access", "Administrator")},
    {Role::Triage, "triage", QT_TRANSLATE_NOOP("Access", "Triage physiotherapist")},
    {Role::Clinician, "clinician", QT_TRANSLATE_NOOP("Access", "Clinician")},
    {Role::Manager, "manager", QT_TRANSLATE_NOOP("Access", "Service manager")},
    {Role::ReadOnly, "read_only", QT_TRANSLATE_NOOP("Access", "Read-only")},
};

} // namespace

// The one matrix (docs/security.md). A service manager sees and reports but never changes a
// clinical record; read-only changes nothing; bulk imports and service configuration are the
// administrator's, because they change many records at once. Attendances and costs are activity
// and money, not clinical records: the service manager who answers for them loads them.
bool allowed(Role role, Action action)
{
    switch (action) {
    case Action::RunReports:
    case Action::SignIn:
        return true;
    case Action::EditPatient:
    case Action::EditReferral:
    case Action::RecordContact:
    case Action::FlagPatient:
    case Action::ReviewCases:
    case Action::RecordAssessment:
    case Action::AcknowledgeAlert:
    case Action::Triage:
        return role == Role::Admin || role == Role::Triage || role == Role::Clinician;
    case Action::RemovePatient:
        return role == Role::Admin || role == Role::Clinician;
    case Action::ViewAudit:
        return role == Role::Admin || role == Role::Manager;
    case Action::RecordAttendances: // activity data a manager loads from the hospital's extract
        return role != Role::ReadOnly;
    case Action::SetCosts:
        return role == Role::Admin || role == Role::Manager;
    case Action::ImportClinical:
    case Action::ConfigureService:
    case Action::ManageUsers:
    case Action::BackUp: // a backup holds every record and every account
        return role == Role::Admin;
    }
    return false;
}

QString roleCode(Role role)
{
    for (const RoleEntry &e : roles)
        if (e.role == role)
            return QString::fromLatin1(e.code);
    return {};
}

QString roleLabel(Role role)
{
    for (const RoleEntry &e : roles)
        if (e.role == role)
            return tr(e.label);
    return {};
}

std::optional<Role> parseRole(const QString &code)
{
    const QString wanted = code.trimmed().toLower();
    for (const RoleEntry &e : roles)
        if (wanted == QLatin1String(e.code))
            return e.role;
    return std::nullopt;
}

QStringList roleCodes()
{
    QStringList codes;
    for (const RoleEntry &e : roles)
        codes << QString::fromLatin1(e.code);
    return codes;
}

QString actionLabel(Action action)
{
    switch (action) {
    case Action::EditPatient: return tr("register or edit patients");
    case Action::RemovePatient: return tr("remove or restore patients");
    case Action::EditReferral: return tr("add or change referrals");
    case Action::Triage: return tr("triage referrals");
    case Action::RecordContact: return tr("record contacts");
    case Action::FlagPatient: return tr("flag patients");
    case Action::ReviewCases: return tr("record MDT case reviews");
    case Action::RecordAssessment: return tr("record questionnaires");
    case Action::AcknowledgeAlert: return tr("acknowledge alerts");
    case Action::ImportClinical: return tr("import clinical records");
    case Action::ConfigureService: return tr("change the service's configuration");
    case Action::RecordAttendances: return tr("record hospital and GP attendances");
    case Action::SetCosts: return tr("set tariffs and service costs");
    case Action::ManageUsers: return tr("manage user accounts");
    case Action::BackUp: return tr("make or restore backups");
    case Action::RunReports: return tr("run reports");
    case Action::ViewAudit: return tr("see the audit trail");
    case Action::SignIn: return tr("log in");
    }
    return {};
}

} // namespace painmdt::domain
