#include "services/patientrules.h"

#include "domain/clinicaldate.h"

#include <QCoreApplication>

namespace painmdt::services {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("PatientRules", text); }

} // namespace

Problems attachProblems(storage::PatientRepository &patients, qint64 patientId, const QDate &on,
                        const char *dateField, Lifetime lifetime)
{
    if (patientId <= 0)
        return std::vector<domain::FieldError>{{domain::field::patientRef, tr("The record must belong to a patient.")}};
    const auto found = patients.byId(patientId);
    if (!found)
        return found.failure();
    if (!found->has_value())
        return attachProblems(nullptr, on, dateField, lifetime);
    const auto patient = domain::PatientLifetime::of(found->value());
    return attachProblems(&patient, on, dateField, lifetime);
}

std::vector<domain::FieldError> attachProblems(const domain::PatientLifetime *patient, const QDate &on,
                                               const char *dateField, Lifetime lifetime)
{
    using Errors = std::vector<domain::FieldError>;
    if (!patient)
        return Errors{{domain::field::patientRef, tr("The patient does not exist (any more).")}};
    if (patient->removed)
        return Errors{{domain::field::patientRef,
                       tr("patient %1 was removed; restore the patient in PainMDT before adding or changing "
                          "their records.").arg(patient->patientRef)}};
    if (on.isValid() && patient->dateOfBirth.isValid() && on < patient->dateOfBirth)
        return Errors{{dateField, tr("%1 is before the patient's date of birth (%2); check the year.")
                                      .arg(QString::fromLatin1(dateField), patient->dateOfBirth.toString(Qt::ISODate))}};
    if (lifetime == Lifetime::WhileAlive && on.isValid() && patient->dateOfDeath.isValid() && on > patient->dateOfDeath)
        return Errors{{dateField, tr("%1 %2 is after the patient died (%3); check the date, and that this is the "
                                     "right patient.").arg(QString::fromLatin1(dateField), on.toString(Qt::ISODate),
                                                           patient->dateOfDeath.toString(Qt::ISODate))}};
    return Errors{};
}

Problems refCaseProblems(const Result<QString> &storedVariant, const char *field, const QString &ref)
{
    if (!storedVariant)
        return storedVariant.failure();
    if (storedVariant.value().isEmpty())
        return std::vector<domain::FieldError>{};
    return std::vector<domain::FieldError>{{field, tr("%1 %2 differs only in upper/lower case from the stored %3; refs are matched exactly. "
                       "Use %3, or a ref of its own.").arg(QString::fromLatin1(field), ref, storedVariant.value())}};
}

} // namespace painmdt::services
