#include "interchange/importkinds.h"

#include "interchange/costimport.h"
#include "interchange/patientimport.h"
#include "interchange/referralimport.h"
#include "services/attendanceservice.h"
#include "services/patientservice.h"
#include "services/referralservice.h"

#include <QCoreApplication>

namespace painmdt::interchange {

namespace {

class Session final : public ImportSession {
public:
    Session(storage::Database &db, const services::StampSource &stamps)
        : patients(db, stamps), referrals(db, stamps), attendances(db, stamps) {}
    RowImporter &importer() override { return *made; }

    services::PatientService patients;
    services::ReferralService referrals;
    services::AttendanceService attendances;
    std::unique_ptr<RowImporter> made;
};

std::unique_ptr<RowImporter> importerFor(const QString &kind, Session &s)
{
    if (kind == QLatin1String("attendances"))
        return std::make_unique<AttendanceImporter>(s.attendances, s.patients);
    if (kind == QLatin1String("tariff"))
        return std::make_unique<TariffImporter>(s.attendances);
    if (kind == QLatin1String("service-costs"))
        return std::make_unique<ServiceCostImporter>(s.attendances);
    if (kind == QLatin1String("patients"))
        return std::make_unique<PatientImporter>(s.patients);
    if (kind == QLatin1String("referrals"))
        return std::make_unique<ReferralImporter>(s.referrals);
    if (kind == QLatin1String("contacts"))
        return std::make_unique<ContactImporter>(s.referrals);
    if (kind == QLatin1String("assessments"))
        return std::make_unique<AssessmentImporter>(s.referrals);
    return nullptr;
}

} // namespace

const QStringList &rowImportKinds()
{
    static const QStringList kinds{QStringLiteral("patients"),    QStringLiteral("referrals"),
                                   QStringLiteral("contacts"),    QStringLiteral("assessments"),
                                   QStringLiteral("attendances"), QStringLiteral("tariff"),
                                   QStringLiteral("service-costs")};
    return kinds;
}

QString importKindLabel(const QString &kind)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("patients"), QT_TRANSLATE_NOOP("Import", "Patients")},
        {QStringLiteral("referrals"), QT_TRANSLATE_NOOP("Import", "Referrals")},
        {QStringLiteral("contacts"), QT_TRANSLATE_NOOP("Import", "Contacts (check-ins and appointments)")},
        {QStringLiteral("assessments"), QT_TRANSLATE_NOOP("Import", "Questionnaire answers")},
        {QStringLiteral("attendances"), QT_TRANSLATE_NOOP("Import", "Hospital attendances (the hospital's extract)")},
        {QStringLiteral("tariff"), QT_TRANSLATE_NOOP("Import", "Tariff (unit costs)")},
        {QStringLiteral("service-costs"), QT_TRANSLATE_NOOP("Import", "What the service cost")}};
    const auto found = labels.find(kind);
    return found == labels.end() ? kind : QCoreApplication::translate("Import", found.value());
}

domain::Action importAction(const QString &kind)
{
    if (kind == QLatin1String("instrument"))
        return domain::Action::ConfigureService;
    if (kind == QLatin1String("attendances"))
        return domain::Action::RecordAttendances;
    if (kind == QLatin1String("tariff") || kind == QLatin1String("service-costs"))
        return domain::Action::SetCosts;
    return domain::Action::ImportClinical;
}

std::unique_ptr<ImportSession> importSession(const QString &kind, storage::Database &db, const services::StampSource &session)
{
    auto made = std::make_unique<Session>(db, session);
    made->made = importerFor(kind, *made);
    if (!made->made)
        return nullptr;
    return made;
}

} // namespace painmdt::interchange
