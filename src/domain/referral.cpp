#include "domain/referral.h"

#include "domain/textrules.h"

#include <QCoreApplication>

namespace painmdt::domain {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Referral", text); }

void checkCode(QString &value, const QStringList &codes, const char *fieldName, bool required,
               std::vector<FieldError> &errors)
{
    value = value.trimmed().toLower();
    if (value.isEmpty()) {
        if (required)
            errors.push_back({fieldName, tr("%1 is required.").arg(QLatin1String(fieldName))});
        return;
    }
    if (!codes.contains(value))
        errors.push_back({fieldName, tr("%1 is not a valid %2 code; use one of: %3.")
                                         .arg(echo(value), QLatin1String(fieldName), codes.join(QStringLiteral(", ")))});
}

} // namespace

const QStringList &referralSources()
{
    static const QStringList codes{QStringLiteral("gp"), QStringLiteral("ae"), QStringLiteral("inpatient"),
                                   QStringLiteral("outpatient"), QStringLiteral("community"),
                                   QStringLiteral("self"), QStringLiteral("other")};
    return codes;
}

const QStringList &referralPriorities()
{
    static const QStringList codes{QStringLiteral("routine"), QStringLiteral("urgent")};
    return codes;
}

const QStringList &pathwayCodes()
{
    static const QStringList codes{QStringLiteral("advice"), QStringLiteral("community_physio"),
                                   QStringLiteral("psych_informed_physio"), QStringLiteral("community_pain"),
                                   QStringLiteral("spinal_service"), QStringLiteral("secondary_pain"),
                                   QStringLiteral("secondary_other"), QStringLiteral("declined")};
    return codes;
}

const QStringList &contactModes()
{
    static const QStringList codes{QStringLiteral("phone"), QStringLiteral("video"), QStringLiteral("clinic"),
                                   QStringLiteral("home_visit"), QStringLiteral("ward"), QStringLiteral("ae"),
                                   QStringLiteral("group")};
    return codes;
}

const QStringList &contactOutcomes()
{
    static const QStringList codes{QStringLiteral("attended"), QStringLiteral("dna"),
                                   QStringLiteral("cancelled_by_patient"), QStringLiteral("cancelled_by_service"),
                                   QStringLiteral("could_not_contact")};
    return codes;
}

const QStringList &painSites()
{
    static const QStringList codes{QStringLiteral("low_back"),   QStringLiteral("neck_shoulder"),
                                   QStringLiteral("upper_limb"), QStringLiteral("lower_limb"),
                                   QStringLiteral("widespread"), QStringLiteral("other")};
    return codes;
}

bool startBackValidatedFor(const QString &painSite)
{
    return painSite.isEmpty() || painSite == QLatin1String("low_back");
}

QString codeLabel(const QString &code)
{
    static const QHash<QString, QString> special{
        {QStringLiteral("ae"), QStringLiteral("A&E")}, {QStringLiteral("gp"), QStringLiteral("GP")},
        {QStringLiteral("dna"), QStringLiteral("Did not attend")},
        {QStringLiteral("psych_informed_physio"), QStringLiteral("Psychologically informed physio")},
        {QStringLiteral("self"), QStringLiteral("Self-referral")},
        {QStringLiteral("neck_shoulder"), QStringLiteral("Neck or shoulder")},
        {QStringLiteral("widespread"), QStringLiteral("Widespread")},
        {QStringLiteral("startback"), QStringLiteral("STarT Back")}, {QStringLiteral("phq9"), QStringLiteral("PHQ-9")},
        {QStringLiteral("gad7"), QStringLiteral("GAD-7")}, {QStringLiteral("pgic"), QStringLiteral("PGIC")},
        {QStringLiteral("nrs_pain"), QStringLiteral("Pain score (NRS)")},
        {QStringLiteral("fft"), QStringLiteral("Friends and Family Test")},
        {QStringLiteral("non_elective_admission"), QStringLiteral("Non-elective admission")},
        {QStringLiteral("outpatient_followup"), QStringLiteral("Outpatient follow-up")},
        {QStringLiteral("outpatient_first"), QStringLiteral("Outpatient first appointment")},
        {QStringLiteral("ambulance"), QStringLiteral("Ambulance call-out")}};
    if (special.contains(code))
        return special.value(code);
    QString label = code;
    label.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    return label;
}

bool defaultCommunityPathway(const QString &code)
{
    return code != QLatin1String("secondary_pain") && code != QLatin1String("secondary_other")
           && code != QLatin1String("declined");
}

std::optional<MatchedTreatment> matchedTreatment(const QString &stratum)
{
    if (stratum == QLatin1String("Low"))
        return MatchedTreatment{QStringLiteral("advice"), tr("One session of advice and self-management support")};
    if (stratum == QLatin1String("Medium"))
        return MatchedTreatment{QStringLiteral("community_physio"), tr("Physiotherapy")};
    if (stratum == QLatin1String("High"))
        return MatchedTreatment{QStringLiteral("psych_informed_physio"), tr("Psychologically informed physiotherapy")};
    return std::nullopt;
}

bool isCancellation(const QString &outcome)
{
    return outcome == QLatin1String("cancelled_by_patient") || outcome == QLatin1String("cancelled_by_service");
}

std::vector<FieldError> normaliseAndValidate(Referral &r, const QDate &today)
{
    std::vector<FieldError> errors;
    r.referralRef = r.referralRef.trimmed();
    r.reason = r.reason.trimmed();
    r.referrer = r.referrer.simplified();
    r.triageNotes = r.triageNotes.trimmed();
    r.dischargeReason = r.dischargeReason.trimmed();
    r.keyWorker = r.keyWorker.trimmed();
    if (r.referralRef.isEmpty())
        errors.push_back({field::referralRef, tr("referral_ref is required.")});
    checkText(r.referralRef, field::referralRef, TextKind::Ref, errors);
    checkText(r.referrer, field::referrer, TextKind::Line, errors);
    checkText(r.keyWorker, field::keyWorker, TextKind::Line, errors);
    for (const auto &[text, name] : {std::pair{&r.reason, field::reason}, std::pair{&r.triageNotes, field::triageNotes},
                                     std::pair{&r.dischargeReason, field::dischargeReason}})
        checkText(*text, name, TextKind::FreeText, errors);
    if (!r.receivedOn.isValid())
        errors.push_back({field::receivedOn, tr("received_on is required.")});
    else if (r.receivedOn > today)
        errors.push_back({field::receivedOn, tr("received_on is in the future.")});
    checkCode(r.source, referralSources(), field::source, true, errors);
    if (r.priority.trimmed().isEmpty())
        r.priority = QStringLiteral("routine");
    checkCode(r.priority, referralPriorities(), field::priority, true, errors);
    checkCode(r.painSite, painSites(), field::painSite, false, errors);

    checkCode(r.pathway, pathwayCodes(), field::pathway, false, errors);
    if (r.triagedOn.isValid() && r.pathway.isEmpty())
        errors.push_back({field::pathway, tr("pathway is required when triaged_on is given.")});
    if (!r.triagedOn.isValid() && !r.pathway.isEmpty())
        errors.push_back({field::triagedOn, tr("triaged_on is required when a pathway is given.")});
    if (r.triagedOn.isValid() && r.receivedOn.isValid() && r.triagedOn < r.receivedOn)
        errors.push_back({field::triagedOn, tr("triaged_on is before received_on.")});
    if (r.triagedOn.isValid() && r.triagedOn > today)
        errors.push_back({field::triagedOn, tr("triaged_on is in the future.")});
    if (r.dischargedOn.isValid() && r.receivedOn.isValid() && r.dischargedOn < r.receivedOn)
        errors.push_back({field::dischargedOn, tr("discharged_on is before received_on.")});
    else if (r.dischargedOn.isValid() && r.dischargedOn > today)
        errors.push_back({field::dischargedOn, tr("discharged_on is in the future.")});
    if (!r.dischargedOn.isValid() && !r.dischargeReason.isEmpty())
        errors.push_back({field::dischargedOn, tr("discharged_on is required when a discharge_reason is given.")});
    return errors;
}

std::vector<FieldError> normaliseAndValidate(Contact &c, const QDate &today)
{
    std::vector<FieldError> errors;
    c.contactRef = c.contactRef.trimmed();
    c.staff = c.staff.trimmed();
    if (c.note.trimmed().isEmpty())
        c.note.clear(); // otherwise exactly as typed (ux.md): spacing and line ends are the writer's
    checkText(c.contactRef, field::contactRef, TextKind::Ref, errors);
    checkText(c.staff, field::staff, TextKind::Line, errors);
    checkText(c.note, field::note, TextKind::FreeText, errors);
    checkCode(c.mode, contactModes(), field::mode, true, errors);
    checkCode(c.outcome, contactOutcomes(), field::outcome, true, errors);
    if (!c.contactOn.isValid())
        errors.push_back({field::contactOn, tr("contact_on is required.")});
    else if (c.contactOn > today.addDays(maxDaysCancelledAhead))
        errors.push_back({field::contactOn, tr("contact_on is more than a year ahead; check the year.")});
    else if (c.contactOn > today && !isCancellation(c.outcome))
        errors.push_back({field::contactOn, tr("contact_on is in the future; only a cancelled appointment may be "
                                               "dated ahead. Check the date or the outcome.")});
    if (c.durationMinutes && (*c.durationMinutes < 0 || *c.durationMinutes > 24 * 60))
        errors.push_back({field::durationMinutes, tr("duration_minutes must be from 0 to 1440.")});
    if (c.nextDueOn.isValid() && c.contactOn.isValid() && c.nextDueOn < c.contactOn)
        errors.push_back({field::nextDueOn, tr("next_due_on is before contact_on.")});
    else if (c.nextDueOn.isValid() && c.contactOn.isValid() && c.nextDueOn > c.contactOn.addYears(maxYearsToNextCheckIn))
        errors.push_back({field::nextDueOn, tr("next_due_on is more than two years after contact_on; check the year.")});
    return errors;
}

} // namespace painmdt::domain
