#include "domain/timeline.h"

#include "domain/clinicaldate.h"

#include <QCoreApplication>
#include <algorithm>

namespace painmdt::domain {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Timeline", text); }

using Kind = TimelineEvent::Kind;

QString refOf(const std::vector<Referral> &referrals, qint64 id)
{
    for (const Referral &r : referrals)
        if (r.id == id)
            return r.referralRef;
    return {};
}

void addReferral(const Referral &r, std::vector<TimelineEvent> &events)
{
    events.push_back({r.receivedOn, {}, Kind::Referral,
                      tr("Referral %1 received from %2 (%3)").arg(r.referralRef, codeLabel(r.source), codeLabel(r.priority)),
                      r.reason, r.referralRef});
    if (r.isTriaged())
        events.push_back({r.triagedOn, {}, Kind::Triage,
                          tr("Triaged: %1%2").arg(codeLabel(r.pathway),
                                                  r.keyWorker.isEmpty() ? QString() : tr(" \u00B7 key worker %1").arg(r.keyWorker)),
                          r.triageNotes, r.referralRef});
    if (r.isDischarged())
        events.push_back({r.dischargedOn, {}, Kind::Discharge, tr("Discharged"), r.dischargeReason, r.referralRef});
}

TimelineEvent contactEvent(const Contact &c, const QString &ref)
{
    QStringList about;
    if (!c.staff.isEmpty())
        about << c.staff;
    if (c.durationMinutes)
        about << tr("%1 min").arg(*c.durationMinutes);
    QString title = tr("Contact by %1: %2").arg(codeLabel(c.mode).toLower(), codeLabel(c.outcome));
    if (!about.isEmpty())
        title += QStringLiteral(" (%1)").arg(about.join(QStringLiteral(", ")));
    if (c.nextDueOn.isValid())
        title += tr(" \u00B7 next check-in %1").arg(formatClinicalDate(c.nextDueOn));
    return {c.contactOn, c.contactTime, Kind::Contact, title, c.note, ref};
}

TimelineEvent questionnaireEvent(const Assessment &a, const QString &ref)
{
    QStringList codes;
    for (const auto &answer : a.answers)
        codes << (answer ? QString::number(*answer) : tr("blank"));
    const QString result = !a.result.complete ? tr("incomplete, not scored")
                           : a.result.band.isEmpty() ? tr("complete") : a.result.band;
    return {a.collectedOn, {}, Kind::Questionnaire,
            tr("Questionnaire %1 (%2): %3").arg(codeLabel(a.instrument), codeLabel(a.occasion).toLower(), result),
            tr("Answers, item by item: %1").arg(codes.join(QStringLiteral(" \u00B7 "))), ref};
}

} // namespace

QString timelineKindLabel(Kind kind)
{
    switch (kind) {
    case Kind::Referral: return tr("Referral");
    case Kind::Triage: return tr("Triage");
    case Kind::Contact: return tr("Contact");
    case Kind::Questionnaire: return tr("Questionnaire");
    case Kind::Discharge: return tr("Discharge");
    case Kind::Flag: return tr("Flag");
    case Kind::Review: return tr("MDT review");
    case Kind::Alert: return tr("Alert");
    }
    return {};
}

std::vector<TimelineEvent> buildTimeline(const std::vector<Referral> &referrals,
                                         const std::map<qint64, std::vector<Contact>> &contactsByReferral,
                                         const std::vector<Assessment> &assessments,
                                         const std::vector<PatientFlag> &flags,
                                         const std::map<qint64, QStringList> &earlierNotes,
                                         const std::vector<ReviewEntry> &reviews,
                                         const std::vector<AssessmentAlert> &alerts)
{
    std::vector<TimelineEvent> events;
    for (const Referral &r : referrals)
        addReferral(r, events);
    for (const auto &[referralId, contacts] : contactsByReferral)
        for (const Contact &c : contacts) {
            events.push_back(contactEvent(c, refOf(referrals, referralId)));
            if (const auto earlier = earlierNotes.find(c.id); earlier != earlierNotes.end())
                for (const QString &note : earlier->second) // an edited note keeps its earlier versions
                    events.back().text += tr("\n\nEarlier version of this note:\n%1").arg(note.isEmpty() ? tr("(empty)") : note);
        }
    for (const Assessment &a : assessments)
        events.push_back(questionnaireEvent(a, refOf(referrals, a.referralId)));
    for (const PatientFlag &f : flags) {
        events.push_back({f.flaggedOn, {}, Kind::Flag, tr("Flagged for the team by %1").arg(f.flaggedBy), f.reason, {}});
        if (!f.isOpen())
            events.push_back({f.clearedOn, {}, Kind::Flag, tr("Flag cleared"), f.clearedWhy, {}});
    }
    for (const ReviewEntry &r : reviews) {
        QStringList text;
        if (!r.item.discussion.isEmpty())
            text << tr("Discussion: %1").arg(r.item.discussion);
        if (!r.item.decisions.isEmpty())
            text << tr("Decisions: %1").arg(r.item.decisions);
        for (const MdtAction &a : r.actions)
            text << tr("Action for %1 by %2: %3%4").arg(a.owner, formatClinicalDate(a.dueOn), a.description,
                                                       a.doneOn.isValid() ? tr(" (done %1)").arg(formatClinicalDate(a.doneOn)) : QString());
        events.push_back({r.heldOn, {}, Kind::Review, tr("Discussed at %1").arg(r.meetingTitle), text.join(QLatin1Char('\n')), {}});
    }
    for (const AssessmentAlert &a : alerts) {
        const QString answer = a.answer ? tr("answered %1").arg(*a.answer) : tr("left unanswered");
        events.push_back({a.collectedOn, {}, Kind::Alert,
                          tr("\u26A0 Alert: %1 item %2 %3%4").arg(codeLabel(a.instrument), itemNumber(a.item), answer,
                                                                  a.isOpen() ? tr(" \u2014 not yet acknowledged") : QString()),
                          a.message, {}});
        if (!a.isOpen())
            events.push_back({a.acknowledgedAt.toLocalTime().date(), a.acknowledgedAt.toLocalTime().time(), Kind::Alert,
                              tr("Alert acknowledged by %1").arg(a.acknowledgedBy), a.acknowledgement, {}});
    }
    std::stable_sort(events.begin(), events.end(), [](const TimelineEvent &a, const TimelineEvent &b) {
        if (a.on != b.on)
            return a.on > b.on;
        if (a.at != b.at)
            return a.at > b.at; // an unknown time (invalid) sorts last within its day
        return int(a.kind) > int(b.kind);
    });
    return events;
}

} // namespace painmdt::domain
