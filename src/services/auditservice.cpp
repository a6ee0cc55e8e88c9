#include "services/auditservice.h"

#include "storage/changelog.h"
#include "storage/database.h"

#include "domain/clinicaldate.h"
#include "domain/referral.h"
#include "storage/userrepository.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace painmdt::services {

using storage::AuditRecord;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("AuditService", text); }

QJsonObject jsonOf(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

struct Noun {
    const char *entity;
    const char *label;
};

constexpr Noun nouns[] = {
    {"patient", QT_TRANSLATE_NOOP("AuditService", "Patient")},
    {"referral", QT_TRANSLATE_NOOP("AuditService", "Referral")},
    {"contact", QT_TRANSLATE_NOOP("AuditService", "Contact")},
    {"assessment", QT_TRANSLATE_NOOP("AuditService", "Questionnaire")},
    {"user", QT_TRANSLATE_NOOP("AuditService", "Account")},
    {"instrument_definition", QT_TRANSLATE_NOOP("AuditService", "Instrument definition")},
    {"pathway", QT_TRANSLATE_NOOP("AuditService", "Pathway")},
    {"setting", QT_TRANSLATE_NOOP("AuditService", "Settings")},
    {"report", QT_TRANSLATE_NOOP("AuditService", "Report")},
};

QString entityNoun(const QString &entity)
{
    for (const Noun &n : nouns)
        if (entity == QLatin1String(n.entity))
            return tr(n.label);
    return domain::codeLabel(entity);
}

// "Referral R123", "Pathway Community physio", "Contact #45" (a contact without a ref), "Settings".
QString subject(const AuditRecord &r)
{
    QString name = r.entityRef;
    if (r.entity == QLatin1String("pathway")) // its id is the code's place in the list (referralservice.cpp)
        name = domain::codeLabel(domain::pathwayCodes().value(int(r.entityId) - 1));
    else if (name.isEmpty() && r.entityId > 0 && r.entity != QLatin1String("setting"))
        name = QStringLiteral("#%1").arg(r.entityId);
    const QString noun = entityNoun(r.entity);
    return name.isEmpty() ? noun : noun + QLatin1Char(' ') + name;
}

// The reason a refused log-in recorded (accountservice.cpp refuseLogIn); none for a wrong password.
QString failedLogInText(const AuditRecord &r)
{
    const QString reason = jsonOf(r.changesJson).value(QStringLiteral("reason")).toString();
    if (reason == QLatin1String("locked"))
        return tr("Log-in refused: the account was locked");
    if (reason == QLatin1String("disabled"))
        return tr("Log-in refused: the account is disabled");
    if (r.entityId == 0)
        return tr("Log-in failed: no account has that user name");
    return tr("Log-in failed: wrong password");
}

// A report's details are its name and period (cli.cpp), never patient data.
QString backupText(const AuditRecord &r)
{
    const QJsonObject details = jsonOf(r.changesJson);
    const QString event = details.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("backup"))
        return tr("Backup made: %1").arg(details.value(QStringLiteral("file")).toString());
    const QString from = details.value(QStringLiteral("file")).toString();
    return from.isEmpty() ? tr("Database restored from a backup taken %1")
                                .arg(details.value(QStringLiteral("backup_taken_at")).toString())
                          : tr("Database restored from the backup %1").arg(from);
}

QString reportText(const AuditRecord &r)
{
    const QJsonObject details = jsonOf(r.changesJson);
    const QString name = details.value(QStringLiteral("report")).toString();
    const QDate from = domain::parseIsoDate(details.value(QStringLiteral("from")).toString());
    const QDate to = domain::parseIsoDate(details.value(QStringLiteral("to")).toString());
    QString text = name.isEmpty() ? tr("Report run") : tr("Report %1 run").arg(name);
    if (from.isValid() && to.isValid())
        text += tr(" for %1 to %2").arg(domain::formatClinicalDate(from), domain::formatClinicalDate(to));
    return text;
}

} // namespace

AuditService::AuditService(storage::Database &db, StampSource session) : m_db(db), m_session(std::move(session)) {}

QString AuditService::actionText(const AuditRecord &r)
{
    if (r.action == QLatin1String("create"))
        return tr("created");
    if (r.action == QLatin1String("update") || r.action == QLatin1String("account")) {
        // Which fields changed, never their values: reasons and notes are clinical text.
        // Read as a person would: "Triaged on, Pathway", not "triaged_on, pathway".
        QStringList fields;
        for (const QString &column : jsonOf(r.changesJson).keys())
            if (column != QLatin1String("row_version"))
                fields << domain::codeLabel(column);
        return fields.isEmpty() ? tr("updated") : tr("updated: %1").arg(fields.join(QStringLiteral(", ")));
    }
    if (r.action == QLatin1String("delete"))
        return tr("removed");
    if (r.action == QLatin1String("restore"))
        return tr("restored");
    if (r.action == QLatin1String("view"))
        return tr("opened");
    return r.action;
}

QString AuditService::describe(const AuditRecord &r)
{
    if (r.action == QLatin1String("login"))
        return tr("Logged in");
    if (r.action == QLatin1String("login_failed"))
        return failedLogInText(r);
    if (r.action == QLatin1String("lockout"))
        return tr("%1 locked after repeated failed log-ins").arg(subject(r));
    if (r.action == QLatin1String("report"))
        return reportText(r);
    if (r.action == QLatin1String("backup"))
        return backupText(r);
    return subject(r) + QLatin1Char(' ') + actionText(r);
}

// Read once per search, not per row. Keyed in lower case: user names are unique whatever
// their case, and older rows may spell one differently.
Result<QHash<QString, QString>> AuditService::displayNames()
{
    const auto users = storage::UserRepository(m_db).all();
    if (!users)
        return users.failure();
    QHash<QString, QString> names;
    for (const storage::UserRecord &u : users.value())
        names.insert(u.userName.toLower(), u.displayName);
    return names;
}

// "Amara Okoro (a.okoro)"; an actor with no account (an operating-system name from before
// log-in existed, "unknown:<digest>" for a name that matched none) is shown as it is.
QString AuditService::userText(const QHash<QString, QString> &names, const QString &actor)
{
    const QString display = names.value(actor.toLower());
    if (display.isEmpty() || display == actor)
        return actor;
    return QStringLiteral("%1 (%2)").arg(display, actor);
}

Result<AuditPage> AuditService::search(const storage::AuditQuery &q)
{
    if (Status allowed = m_session.require(domain::Action::ViewAudit); !allowed)
        return allowed.failure();
    const auto records = storage::searchAudit(m_db, q);
    if (!records)
        return records.failure();
    const auto names = displayNames();
    if (!names)
        return names.failure();
    const size_t limit = size_t(qMax(q.limit, 1));
    AuditPage page;
    page.more = records->size() > limit;
    for (const AuditRecord &r : records.value()) {
        if (page.lines.size() == limit)
            break;
        page.lines.push_back({r.at, userText(names.value(), r.actor), describe(r), r.patientId});
    }
    return page;
}

Result<std::vector<HistoryLine>> AuditService::history(const QString &entity, qint64 entityId)
{
    const auto records = storage::historyOf(m_db, entity, entityId);
    if (!records)
        return records.failure();
    const auto names = displayNames();
    if (!names)
        return names.failure();
    std::vector<HistoryLine> lines;
    for (const AuditRecord &r : records.value())
        lines.push_back({r.at, userText(names.value(), r.actor), actionText(r)});
    return lines;
}

Result<std::vector<AuditService::Finding>> AuditService::checkAll()
{
    if (Status s = m_session.require(domain::Action::ViewAudit); !s)
        return s.failure();
    std::vector<Finding> findings;
    const QString restore = QObject::tr("Stop using this file: keep a copy of it for investigation, put back the latest "
                                        "backup of the database, and run this check on that.");
    const auto pages = m_db.integrityProblems();
    if (!pages)
        return pages.failure();
    for (const QString &p : pages.value())
        findings.push_back({QObject::tr("pages and indexes"), p, restore});
    const auto links = m_db.foreignKeyProblems();
    if (!links)
        return links.failure();
    for (const QString &p : links.value())
        findings.push_back({QObject::tr("links between records"), p,
                            QObject::tr("A record points at one that is gone, which PainMDT never does: the file was "
                                        "changed outside PainMDT. Put back the latest backup, or ask your supplier.")});
    const auto privileges = m_db.privilegeWarnings();
    if (!privileges)
        return privileges.failure();
    for (const QString &p : privileges.value())
        findings.push_back({QObject::tr("server account"), p,
                            QObject::tr("Use the staff role for everyday work and for this check, and keep the owner for "
                                        "upgrades and copies (docs/admin-guide.md, §3 \"Database roles\")."),
                            true});
    const auto chain = verify();
    if (!chain)
        return chain.failure();
    if (chain->firstBrokenId != 0)
        findings.push_back({QObject::tr("audit trail"),
                            chain->firstBrokenId < 0 ? chain->problem
                                                     : QObject::tr("broken at row %1: %2").arg(chain->firstBrokenId).arg(chain->problem),
                            QObject::tr("The audit trail was changed outside PainMDT. Keep this file as evidence, tell "
                                        "your information governance lead, and put back the latest backup.")});
    return findings;
}

Result<AuditCheck> AuditService::verify()
{
    if (Status allowed = m_session.require(domain::Action::ViewAudit); !allowed)
        return allowed.failure();
    return storage::verifyAuditTrail(m_db);
}

} // namespace painmdt::services
