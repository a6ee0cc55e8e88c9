#include "interchange/demoepisodes.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <tuple>

namespace painmdt::interchange {

using domain::Answers;
using domain::Contact;
using domain::Referral;

namespace {

constexpr std::array reasons{"Chronic low back pain", "Low back pain with leg pain", "Widespread pain",
                             "Neck and shoulder pain", "Persistent post-surgical pain",
                             "Repeated A&E attendances with back pain", "Pelvic pain", "Chronic knee pain"};
// demo.clinician holds a share, so that logging in as the demo clinician shows a caseload.
constexpr std::array staff{"a.okoro", "b.hughes", "c.patel", "d.murray", "e.lindqvist", "demo.clinician"};
constexpr std::array flagReasons{"Three A&E visits this month", "Low mood mentioned twice: for the MDT",
                                  "Not answering calls since the last check-in", "Asking about surgery again"};
constexpr std::array checkInNotes{
    "Pacing going better; walked to the shops twice this week.",
    "Flare-up after a long shift; talked through the flare-up plan.",
    "Sleep still poor. Agreed to try the wind-down routine again.",
    "Back at the gym class; pain 5/10, mood brighter.",
    "Could not get through; left a voicemail asking to call the team.",
    "Worried about the scan result; explained what it means and does not mean.",
    "Reduced the codeine with the GP; no A&E visits since the last call.",
    "Set a goal: ten minutes in the garden each day."};
constexpr std::array checkInModes{"phone", "phone", "phone", "ward", "home_visit", "video", "clinic", "group"};

QString pickSource(Rng &rng)
{
    const int roll = rng.below(100); // GP most, then A&E and wards: the loop the team breaks
    return QString::fromLatin1(roll < 45 ? "gp" : roll < 60 ? "ae" : roll < 70 ? "inpatient" : roll < 80 ? "outpatient"
                               : roll < 90 ? "community" : roll < 95 ? "self" : "other");
}

// Nine STarT Back answers that land in the wanted stratum: items 1-4 physical, 5-9 psychosocial,
// item 9 coded 0-4 (3 and 4 count). About 5 % have one item left blank (incomplete).
Answers startBackAnswers(Rng &rng, const QString &stratum)
{
    const int psych = stratum == QLatin1String("High") ? 4 + rng.below(2) : rng.below(4);             // 0..3 or 4..5
    const int physical = stratum == QLatin1String("Low") ? rng.below(std::max(1, 4 - psych)) : 1 + rng.below(4);
    Answers answers(9, 0);
    for (int i = 0; i < 4; ++i)
        answers[size_t(i)] = i < std::min(physical, 4) ? 1 : 0;
    if (stratum == QLatin1String("Medium") && physical + psych < 4)
        answers[0] = answers[1] = answers[2] = answers[3] = 1;
    for (int i = 0; i < 5; ++i) {
        const bool counts = i < psych;
        answers[size_t(4 + i)] = i == 4 ? (counts ? 3 + rng.below(2) : rng.below(3)) : (counts ? 1 : 0);
    }
    if (rng.chance(5))
        answers[size_t(rng.below(9))] = std::nullopt;
    return answers;
}

QString pathwayFor(Rng &rng, const QString &stratum)
{
    const int roll = rng.below(100);
    if (roll < 5)
        return QStringLiteral("declined");
    if (roll < 12)
        return QStringLiteral("secondary_pain");
    if (roll < 15)
        return QStringLiteral("spinal_service");
    if (roll < 20)
        return QStringLiteral("community_pain");
    if (const auto matched = domain::matchedTreatment(stratum))
        return matched->pathway;
    return QStringLiteral("community_physio");
}

// Waits shrink over the two years, as a service that triages early would show.
int firstContactWait(Rng &rng, const QDate &received, const QDate &today)
{
    const int monthsAgo = std::max(0, int(received.daysTo(today) / 30));
    const int typical = 14 + monthsAgo * 4; // ~4 weeks recently, ~3-4 months two years ago
    return 3 + rng.below(typical) + rng.below(typical) / 2;
}

QString missedOutcome(Rng &rng)
{
    const int roll = rng.below(100);
    return QString::fromLatin1(roll < 40 ? "dna" : roll < 70 ? "could_not_contact" : roll < 85 ? "cancelled_by_patient"
                                                                                  : "cancelled_by_service");
}

struct EpisodeEnd {
    QDate lastContact; // invalid when none was made
    bool finished = false; // every planned check-in happened: ready for discharge
};

// Returns the date of the last contact made (invalid when none). Until the patient is first
// seen the team tries again a week or two later, as a real service would; a missed contact is
// always recorded as what happened, never assumed. Each contact plans the next check-in (two to
// six weeks on); about one episode in twenty lets a planned check-in slip, so the overdue markers
// show. Nothing is dated after the patient died.
Result<EpisodeEnd> addContacts(services::ReferralService &service, Rng &rng, const Referral &r, const QDate &today,
                               const QDate &died, DemoSummary &summary)
{
    const QDate end = died.isValid() ? std::min(today, died) : today;
    EpisodeEnd episode;
    QDate on = r.triagedOn.addDays(firstContactWait(rng, r.receivedOn, today) - r.receivedOn.daysTo(r.triagedOn));
    if (on <= r.triagedOn)
        on = r.triagedOn.addDays(1);
    bool seen = false;
    const bool slips = rng.chance(6);
    int checkIns = 1 + rng.below(4); // a few check-ins, then discharge: the demo stays quick to make (issue 2)
    while (on <= end && (!seen || checkIns-- > 0)) {
        Contact c;
        c.referralId = r.id;
        c.contactOn = on;
        c.contactTime = QTime(9 + rng.below(8), rng.below(4) * 15);
        c.mode = QString::fromLatin1(!seen ? (rng.chance(70) ? "clinic" : "phone") : rng.pick(checkInModes));
        c.outcome = rng.chance(seen ? 85 : 80) ? QStringLiteral("attended") : missedOutcome(rng);
        c.staff = !r.keyWorker.isEmpty() && rng.chance(80) ? r.keyWorker : QString::fromLatin1(rng.pick(staff));
        c.durationMinutes = c.mode == QLatin1String("phone") ? 10 + rng.below(20) : 30 + rng.below(31);
        if (seen && rng.chance(70))
            c.note = QString::fromLatin1(rng.pick(checkInNotes));
        seen = seen || c.outcome == QLatin1String("attended");
        on = on.addDays(seen ? 14 + rng.below(29) : 7 + rng.below(8));
        if (rng.chance(98)) // now and then nobody planned the next one
            c.nextDueOn = on;
        const auto saved = service.addContact(c);
        if (!saved.ok())
            return Error{saved.problem.summary()};
        ++summary.contacts;
        episode.lastContact = c.contactOn;
        if (slips && seen && on <= end && rng.chance(25))
            return episode; // the planned check-in never happened
    }
    episode.finished = seen && on <= end;
    return episode;
}

// The STarT Back questionnaire done at triage, tied to the referral.
Status addStartBack(services::ReferralService &service, Rng &rng, const Referral &r, const QString &stratum,
                    DemoSummary &summary)
{
    domain::Assessment a;
    a.patientId = r.patientId;
    a.referralId = r.id;
    a.instrument = QStringLiteral("startback");
    a.occasion = QStringLiteral("referral");
    a.collectedOn = r.triagedOn;
    a.collectedBy = QString::fromLatin1(rng.pick(staff));
    a.answers = startBackAnswers(rng, stratum);
    if (const auto saved = service.assessments().add(a); !saved.ok())
        return Error{saved.problem.summary()};
    ++summary.assessments;
    return success();
}

// `total` spread over `items` answers of 0..`most` (a sum questionnaire).
Answers spread(Rng &rng, int total, int items, int most)
{
    Answers answers(size_t(items), 0);
    for (int left = std::clamp(total, 0, items * most); left > 0;)
        if (auto &a = answers[size_t(rng.below(items))]; *a < most) {
            ++*a;
            --left;
        }
    return answers;
}

// A PHQ-9: items 1-8 carry the total; item 9 (thoughts of self-harm) is "Not at all" unless
// `alert`, which raises the alert (hazard H9).
Answers phq9(Rng &rng, int total, bool alert)
{
    Answers answers = spread(rng, total, 8, 3);
    answers.push_back(alert ? 1 + rng.below(2) : 0);
    return answers;
}

// How the patient's course went: most better, some the same, a few worse (issue 9 item 6).
enum class Course { Better, Same, Worse };

struct Occasion {
    QDate on;
    QString occasion;
};

Status saveQuestionnaire(services::ReferralService &service, Rng &rng, const Referral &r, const Occasion &when,
                         const char *instrument, Answers answers, DemoSummary &summary,
                         std::map<QString, QString> freeText = {})
{
    domain::Assessment a;
    a.patientId = r.patientId;
    a.referralId = r.id;
    a.instrument = QString::fromLatin1(instrument);
    a.occasion = when.occasion;
    a.collectedOn = when.on;
    a.collectedBy = QString::fromLatin1(rng.pick(staff));
    a.answers = rng.chance(3) ? Answers(answers.size(), std::nullopt) : std::move(answers); // returned blank
    if (!a.answers.empty() && a.answers.front().has_value())
        a.freeText = std::move(freeText); // a blank return carries no words either
    if (const auto saved = service.assessments().add(a); !saved.ok())
        return Error{saved.problem.summary()};
    ++summary.assessments;
    return success();
}

// Invented answers to the FFT's "why?", for about half the responses; drawn from the referral's
// id, not the random stream, so the rest of the demo stays as it was.
std::map<QString, QString> fftComment(int answer, qint64 referralId)
{
    static const char *const positive[] = {"The nurse rang back when she said she would.",
                                           "Being listened to made the difference.",
                                           "The pacing plan has got me back to work part-time."};
    static const char *const neutral[] = {"Helpful advice, but the wait for the first appointment was long."};
    static const char *const negative[] = {"I still do not know who to call when the pain flares.",
                                           "Too many different people; I had to repeat my story."};
    if (referralId % 2 != 0 || answer == 6)
        return {};
    const auto pick = [&](const auto &list) { return QString::fromLatin1(list[size_t(referralId / 2) % std::size(list)]); };
    return {{QStringLiteral("why"), answer <= 2 ? pick(positive) : answer == 3 ? pick(neutral) : pick(negative)}};
}

// PHQ-9, GAD-7 and the pain score at triage; at the follow-up (if any) the same again with the
// course's change, the PGIC and the Friends and Family Test.
Status addOutcomes(services::ReferralService &service, Rng &rng, const Referral &r, const Occasion &followUp,
                   DemoSummary &summary)
{
    const Occasion baseline{r.triagedOn, QStringLiteral("referral")};
    const int phq = 5 + rng.below(18), gad = 4 + rng.below(15), pain = 5 + rng.below(5);
    const int roll = rng.below(100);
    const Course course = roll < 55 ? Course::Better : roll < 85 ? Course::Same : Course::Worse;
    const auto moved = [&](int score, int better, int worse, int most) {
        const int change = course == Course::Better ? -(better + rng.below(better + 1))
                           : course == Course::Worse ? worse + rng.below(worse) : rng.below(5) - 2;
        return std::clamp(score + change, 0, most);
    };
    const std::tuple<const char *, Answers, Answers> measures[] = {
        {"phq9", phq9(rng, phq, rng.chance(4)), phq9(rng, moved(phq, 5, 4, 24), rng.chance(2))},
        {"gad7", spread(rng, gad, 7, 3), spread(rng, moved(gad, 4, 3, 21), 7, 3)},
        {"nrs_pain", Answers{pain}, Answers{moved(pain, 2, 1, 10)}}};
    for (const auto &[instrument, first, later] : measures) {
        if (Status s = saveQuestionnaire(service, rng, r, baseline, instrument, first, summary); !s)
            return s;
        if (followUp.on.isValid())
            if (Status s = saveQuestionnaire(service, rng, r, followUp, instrument, later, summary); !s)
                return s;
    }
    if (!followUp.on.isValid())
        return success();
    const int pgic = course == Course::Better ? 1 + rng.below(3) : course == Course::Same ? 4 : 5 + rng.below(2);
    const int fft = rng.chance(5) ? 6 : course == Course::Better ? 1 + rng.below(2) : course == Course::Same ? 2 + rng.below(2) : 3 + rng.below(3);
    if (Status s = saveQuestionnaire(service, rng, r, followUp, "pgic", Answers{pgic}, summary); !s)
        return s;
    return saveQuestionnaire(service, rng, r, followUp, "fft", Answers{fft}, summary, fftComment(fft, r.id));
}

// The triage decision is drawn first and stored with the referral in one insert, as an import
// of a triaged referral would be: a separate update per referral doubled the demo's time.
Status addReferral(services::ReferralService &service, Rng &rng, const domain::Patient &patient,
                   const QDate &today, DemoSummary &summary)
{
    Referral r;
    r.patientId = patient.id;
    r.receivedOn = today.addDays(-rng.below(730));
    if (r.receivedOn < patient.dateOfBirth)
        r.receivedOn = today;
    r.referralRef = QStringLiteral("RF%1").arg(summary.referrals + 1, 7, 10, QLatin1Char('0'));
    r.source = pickSource(rng);
    r.priority = rng.chance(10) ? QStringLiteral("urgent") : QStringLiteral("routine");
    r.reason = QString::fromLatin1(rng.pick(reasons));
    const QDate triageOn = r.receivedOn.addDays(rng.below(r.priority == QLatin1String("urgent") ? 3 : 15));
    const int roll = rng.below(100);
    const QString stratum = roll < 40 ? QStringLiteral("Low") : roll < 75 ? QStringLiteral("Medium") : QStringLiteral("High");
    if (triageOn <= today) { // else received in the last fortnight: still awaiting triage
        r.triagedOn = triageOn;
        r.pathway = pathwayFor(rng, stratum);
        if (r.pathway != QLatin1String("declined") && rng.chance(92)) // a few wait for a key worker
            r.keyWorker = QString::fromLatin1(rng.pick(staff));
    }
    auto saved = service.add(r);
    if (!saved.ok())
        return Error{saved.problem.summary()};
    ++summary.referrals;
    r = *saved.value;
    if (!r.isTriaged())
        return success();
    if (rng.chance(92))
        if (Status s = addStartBack(service, rng, r, stratum, summary); !s)
            return s;
    if (r.pathway == QLatin1String("declined"))
        return success();
    const auto episode = addContacts(service, rng, r, today, patient.dateOfDeath, summary);
    if (!episode)
        return Error{episode.error()};
    if (episode->finished && rng.chance(97)) {
        r.dischargedOn = std::min(today, episode->lastContact.addDays(7 + rng.below(21)));
        r.dischargeReason = QStringLiteral("Goals met; self-managing");
    } else if (patient.isDeceased() && patient.dateOfDeath >= r.receivedOn) {
        r.dischargedOn = patient.dateOfDeath;
        r.dischargeReason = QStringLiteral("Died");
    }
    if (r.isDischarged()) {
        if (const auto done = service.update(r); !done.ok())
            return Error{done.problem.summary()};
    }
    // One in five of the people seen fill in the outcome measures at triage; those discharged again at
    // discharge (more made the 100,000-patient demo slower than its target allows).
    if (episode->lastContact.isValid() && !patient.isDeceased() && rng.chance(20)) {
        const Occasion followUp = r.isDischarged() && r.dischargedOn > r.triagedOn
                                      ? Occasion{r.dischargedOn, QStringLiteral("discharge")} : Occasion{};
        if (Status s = addOutcomes(service, rng, r, followUp, summary); !s)
            return s;
    }
    if (!r.isDischarged() && episode->lastContact.isValid() && !patient.isDeceased() && rng.chance(4)) {
        if (const auto flagged = service.patients().flag(patient.id, QString::fromLatin1(rng.pick(flagReasons)));
            !flagged.ok())
            return Error{flagged.problem.summary()};
    }
    return success();
}

} // namespace

int referralPermille(int patients, int referrals)
{
    return patients <= 0 ? 0 : std::min(1000, int(qint64(referrals) * 1000 / patients));
}

Status addDemoEpisodes(services::ReferralService &service, Rng &rng, const domain::Patient &patient,
                       int permille, const QDate &today, DemoSummary &summary)
{
    // Some patients are referred more than once.
    const int referrals = rng.below(1000) < permille ? (rng.chance(8) ? 2 : 1) : 0;
    for (int i = 0; i < referrals; ++i)
        if (Status s = addReferral(service, rng, patient, today, summary); !s)
            return s;
    return success();
}

} // namespace painmdt::interchange
