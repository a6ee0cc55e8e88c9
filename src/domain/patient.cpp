#include "domain/patient.h"

#include "domain/nhsnumber.h"
#include "domain/postcode.h"
#include "domain/textrules.h"

#include <QCoreApplication>

namespace painmdt::domain {

namespace {

struct SexEntry {
    Sex sex;
    const char *code;
    const char *label;
};

constexpr SexEntry sexTable[] = {
    {Sex::NotRecorded, "", QT_TRANSLATE_NOOP("Patient", "Not recorded")},
    {Sex::Female, "female", QT_TRANSLATE_NOOP("Patient", "Female")},
    {Sex::Male, "male", QT_TRANSLATE_NOOP("Patient", "Male")},
    {Sex::Other, "other", QT_TRANSLATE_NOOP("Patient", "Other")},
    {Sex::Unknown, "unknown", QT_TRANSLATE_NOOP("Patient", "Unknown")},
};

QString tr(const char *text) { return QCoreApplication::translate("Patient", text); }

void checkName(const QString &value, const char *fieldName, const QString &label,
               std::vector<FieldError> &errors)
{
    const auto before = errors.size();
    checkText(value, fieldName, TextKind::Name, errors, label);
    if (errors.size() > before)
        return;
    if (value.isEmpty())
        errors.push_back({fieldName, tr("%1 is required.").arg(label)});
    else if (nameKey(value).isEmpty())
        errors.push_back({fieldName, tr("%1 must contain at least one letter.").arg(label)});
}

void checkDates(const Patient &p, const QDate &today, std::vector<FieldError> &errors)
{
    if (!p.dateOfBirth.isValid())
        errors.push_back({field::dateOfBirth, tr("Date of birth is required.")});
    else if (p.dateOfBirth > today)
        errors.push_back({field::dateOfBirth, tr("Date of birth is in the future.")});
    else if (p.dateOfBirth.year() < 1880)
        errors.push_back({field::dateOfBirth, tr("Date of birth is before 1880; check the year.")});

    if (!p.dateOfDeath.isValid())
        return;
    if (p.dateOfDeath > today)
        errors.push_back({field::dateOfDeath, tr("Date of death is in the future.")});
    else if (p.dateOfBirth.isValid() && p.dateOfDeath < p.dateOfBirth)
        errors.push_back({field::dateOfDeath, tr("Date of death is before the date of birth.")});
}

} // namespace

QString sexCode(Sex sex)
{
    for (const auto &e : sexTable)
        if (e.sex == sex)
            return QString::fromLatin1(e.code);
    return {};
}

std::optional<Sex> parseSexCode(const QString &code)
{
    const QString wanted = code.trimmed().toLower();
    for (const auto &e : sexTable)
        if (wanted == QLatin1String(e.code))
            return e.sex;
    return std::nullopt;
}

QString sexLabel(Sex sex)
{
    for (const auto &e : sexTable)
        if (e.sex == sex)
            return tr(e.label);
    return tr("Not recorded");
}

QString nameKey(const QString &name)
{
    const QString decomposed = name.normalized(QString::NormalizationForm_KD);
    QString key;
    key.reserve(decomposed.size());
    for (const QChar c : decomposed)
        if (c.isLetter())
            key.append(c.toUpper());
    return key;
}

QString displayName(const Patient &patient)
{
    return QStringLiteral("%1, %2").arg(patient.familyName.toUpper(), patient.givenName);
}

std::vector<FieldError> normaliseAndValidate(Patient &p, const QDate &today)
{
    std::vector<FieldError> errors;
    p.patientRef = p.patientRef.trimmed();
    p.familyName = p.familyName.simplified();
    p.givenName = p.givenName.simplified();
    p.phone = p.phone.simplified();
    p.gpPractice = p.gpPractice.simplified();

    checkText(p.patientRef, field::patientRef, TextKind::Ref, errors, tr("Patient ref"));
    checkText(p.phone, field::phone, TextKind::Line, errors, tr("Phone"));
    checkText(p.gpPractice, field::gpPractice, TextKind::Line, errors, tr("GP practice"));
    checkName(p.familyName, field::familyName, tr("Family name"), errors);
    checkName(p.givenName, field::givenName, tr("Given name"), errors);
    checkDates(p, today, errors);

    if (!p.nhsNumber.trimmed().isEmpty()) {
        const NhsNumberCheck nhs = checkNhsNumber(p.nhsNumber);
        if (nhs.ok())
            p.nhsNumber = nhs.digits;
        else
            errors.push_back({field::nhsNumber, describe(nhs.error, p.nhsNumber)});
    } else {
        p.nhsNumber.clear();
    }

    if (p.postcode.size() > maxLength(TextKind::Line)) {
        checkText(p.postcode, field::postcode, TextKind::Line, errors, tr("Postcode"));
    } else if (!p.postcode.trimmed().isEmpty()) {
        if (const auto postcode = normalisePostcode(p.postcode))
            p.postcode = *postcode;
        else
            errors.push_back({field::postcode,
                              tr("%1 is not a UK postcode (e.g. NW1 2BU; ZZ99 3WZ if not known).")
                                  .arg(echo(p.postcode.trimmed()))});
    } else {
        p.postcode.clear();
    }
    return errors;
}

} // namespace painmdt::domain
