#include "reporting/gpletter.h"

#include "domain/clinicaldate.h"
#include "domain/outcomes.h"
#include "domain/referralrules.h"
#include "domain/scoring.h"
#include "reporting/minutes.h"
#include "services/assessmentservice.h"
#include "services/attendanceservice.h"
#include "services/door.h"
#include "services/patientservice.h"
#include "services/referralservice.h"

#include <QCoreApplication>
#include <algorithm>

namespace painmdt::reporting {

using domain::formatClinicalDate;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("GpLetter", text); }

template <typename T>
std::vector<T> live(std::vector<T> records)
{
    records.erase(std::remove_if(records.begin(), records.end(), [](const T &r) { return r.isEnteredInError(); }),
                  records.end());
    return records;
}

QString day(const QDate &d) { return d.isValid() ? formatClinicalDate(d) : tr("\u2013"); }

// Rows of label and value, as a two-column table.
QString facts(const std::vector<std::pair<QString, QString>> &rows)
{
    QString html = QStringLiteral("<table width='90%'>");
    for (const auto &[label, value] : rows)
        html += QStringLiteral("<tr><td width='35%'><b>%1</b></td><td>%2</td></tr>").arg(escaped(label), escaped(value));
    return html + QStringLiteral("</table>");
}

// "5 attended, 1 did not attend": the contacts' outcomes in words, most common first.
QString contactSummary(const std::vector<domain::Contact> &contacts)
{
    std::map<QString, int> byOutcome;
    for (const auto &c : contacts)
        ++byOutcome[c.outcome];
    QStringList parts;
    for (const QString &outcome : domain::contactOutcomes())
        if (byOutcome.count(outcome))
            parts << QStringLiteral("%1 %2").arg(byOutcome[outcome]).arg(domain::codeLabel(outcome).toLower());
    return parts.isEmpty() ? tr("None yet") : parts.join(QStringLiteral(", "));
}

// The STarT Back risk group of the referral's latest linked administration.
QString riskGroup(const GpLetterFacts &f, qint64 referralId)
{
    const domain::Assessment *latest = nullptr;
    for (const auto &a : f.assessments)
        if (a.referralId == referralId && a.instrument == domain::startBackCode
            && (!latest || std::tie(a.collectedOn, a.id) > std::tie(latest->collectedOn, latest->id)))
            latest = &a;
    if (!latest)
        return tr("Not scored");
    return latest->result.complete ? latest->result.band : tr("Incomplete");
}

QString episode(const GpLetterFacts &f, const domain::Referral &r)
{
    const auto found = f.contacts.find(r.id);
    const std::vector<domain::Contact> contacts = found == f.contacts.end() ? std::vector<domain::Contact>{} : found->second;
    QDate firstSeen, last, next;
    for (const auto &c : contacts) {
        if (c.outcome == domain::attendedOutcome && !firstSeen.isValid())
            firstSeen = c.contactOn;
        if (!last.isValid() || c.contactOn >= last) {
            next = c.contactOn == last ? std::max(next, c.nextDueOn) : c.nextDueOn;
            last = c.contactOn;
        }
    }
    const QString triage = r.isTriaged() ? tr("%1, %2").arg(day(r.triagedOn), domain::codeLabel(r.pathway)) : tr("Not yet");
    const QString discharged = r.isDischarged() ? tr("%1 (%2)").arg(day(r.dischargedOn), r.dischargeReason)
                                                : tr("No: still under the team");
    return QStringLiteral("<h2>%1</h2>").arg(escaped(tr("Referral of %1").arg(day(r.receivedOn))))
           + facts({{tr("Referred by"), domain::codeLabel(r.source)},
                    {tr("Triaged"), triage},
                    {tr("STarT Back risk group"), riskGroup(f, r.id)},
                    {tr("First seen"), day(firstSeen)},
                    {tr("Contacts"), contactSummary(contacts)},
                    {tr("Last contact"), day(last)},
                    {tr("Next check-in"), r.isDischarged() ? tr("None: discharged") : next.isValid() ? day(next) : tr("None planned")},
                    {tr("Key worker"), r.keyWorker.isEmpty() ? tr("Not assigned") : r.keyWorker},
                    {tr("Discharged"), discharged}});
}

QString scoreText(const domain::Assessment &a, const QString &score)
{
    const auto v = a.result.value(score);
    const QString value = v ? QString::number(*v, 'g', 6) : tr("incomplete");
    return (a.result.band.isEmpty() ? value : tr("%1 (%2)").arg(value, a.result.band)) + tr(" on %1").arg(day(a.collectedOn));
}

// One row per paired measure: baseline, latest, change and whether it is a meaningful improvement.
QString questionnaires(const GpLetterFacts &f)
{
    std::map<QString, std::vector<const domain::Assessment *>> byInstrument;
    for (const auto &a : f.assessments)
        byInstrument[a.instrument].push_back(&a);
    QString rows;
    for (auto &[code, list] : byInstrument) {
        const auto def = f.definitions.find(code);
        if (def == f.definitions.end() || def->second.singleOccasion || code == domain::startBackCode)
            continue;
        std::sort(list.begin(), list.end(), [](auto *a, auto *b) { return std::tie(a->collectedOn, a->id) < std::tie(b->collectedOn, b->id); });
        std::vector<domain::Administered> administered;
        for (const auto *a : list)
            administered.push_back({a->collectedOn, a->occasion, a->result.complete});
        const domain::OutcomePair pair = domain::outcomePair(administered);
        if (!pair.baseline)
            continue;
        const QString score = domain::mainScore(def->second);
        const auto &first = *list[*pair.baseline];
        const domain::Assessment *latest = pair.latest ? list[*pair.latest] : nullptr;
        const auto improved = latest ? domain::meaningfulImprovement(def->second, first.result, latest->result) : std::nullopt;
        const auto a = first.result.value(score), b = latest ? latest->result.value(score) : std::nullopt;
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td class='n'>%4</td><td>%5</td></tr>")
                    .arg(escaped(def->second.name), escaped(scoreText(first, score)),
                         latest ? escaped(scoreText(*latest, score)) : tr("No follow-up yet"),
                         a && b ? QString::number(*b - *a, 'g', 6) : tr("\u2013"),
                         !improved ? tr("\u2013") : *improved ? tr("Yes") : tr("No"));
    }
    if (rows.isEmpty())
        return tr("<h2>Questionnaires</h2><p>No baseline questionnaire recorded.</p>");
    return tr("<h2>Questionnaires</h2><table width='100%'><thead><tr><th>Measure</th><th>Baseline</th><th>Latest</th>"
              "<th>Change</th><th>Meaningful improvement</th></tr></thead>")
           + rows + QStringLiteral("</table>");
}

// Attendances by setting in the 12 months before the first contact and since; not yet seen: the
// last 12 months.
QString attendances(const GpLetterFacts &f, const QDate &today)
{
    QDate firstSeen;
    for (const auto &[referral, contacts] : f.contacts)
        for (const auto &c : contacts)
            if (c.outcome == domain::attendedOutcome && (!firstSeen.isValid() || c.contactOn < firstSeen))
                firstSeen = c.contactOn;
    const QDate index = firstSeen.isValid() ? firstSeen : today;
    std::map<QString, std::pair<int, int>> bySetting; // before, since
    for (const auto &a : f.attendances) {
        if (a.attendedOn >= index.addMonths(-12) && a.attendedOn < index)
            ++bySetting[a.setting].first;
        else if (firstSeen.isValid() && a.attendedOn > index && a.attendedOn <= today)
            ++bySetting[a.setting].second;
    }
    QString html = tr("<h2>Hospital attendances</h2>");
    if (bySetting.empty())
        return html + (firstSeen.isValid() ? tr("<p>None recorded in the 12 months before the first contact (%1) or since.</p>").arg(day(firstSeen))
                                           : tr("<p>None recorded in the last 12 months.</p>"));
    html += firstSeen.isValid()
                ? tr("<table width='80%'><thead><tr><th>Setting</th><th>12 months before first seen (%1)</th><th>Since</th></tr></thead>").arg(day(firstSeen))
                : tr("<table width='80%'><thead><tr><th>Setting</th><th>Last 12 months (not seen yet)</th><th></th></tr></thead>");
    for (const auto &[setting, counts] : bySetting)
        html += QStringLiteral("<tr><td>%1</td><td class='n'>%2</td><td class='n'>%3</td></tr>")
                    .arg(escaped(domain::codeLabel(setting))).arg(counts.first)
                    .arg(firstSeen.isValid() ? QString::number(counts.second) : QString());
    return html + QStringLiteral("</table>");
}

// Each line of the note its own paragraph: a page break then falls between lines, and no line is
// drawn (clipped) on two pages, which would put it twice in the PDF's text.
QString paragraphs(const QString &note)
{
    QString html;
    for (const QString &line : note.split(QLatin1Char('\n')))
        html += QStringLiteral("<p style='margin-top:0; margin-bottom:0'>%1</p>").arg(line.isEmpty() ? QStringLiteral("&nbsp;") : escaped(line));
    return html;
}

// The newest version of each instrument: its name, main score and rule.
std::map<QString, domain::InstrumentDefinition> newestDefinitions(services::AssessmentService &assessments)
{
    std::map<QString, domain::InstrumentDefinition> newest;
    for (const auto *registered : assessments.registry()) // by code then version
        newest[registered->definition.code] = registered->definition;
    return newest;
}

} // namespace

PrintedDocument gpLetter(const GpLetterFacts &f, const QString &note, const QDate &today)
{
    PrintedDocument doc;
    doc.title = tr("Summary for the GP");
    doc.banner = bannerLine(f.patient, today);
    doc.scope = tr("To the GP at %1, from the pain management team, %2. Confidential: patient-identifiable.")
                    .arg(f.patient.gpPractice.isEmpty() ? tr("the patient's practice") : f.patient.gpPractice, day(today));
    QString html = tr("<p>Dear colleague,</p><p>This is a summary of the care %1 has had from the pain management team, "
                      "as recorded on %2.</p>").arg(escaped(domain::displayName(f.patient)), day(today));
    html += QStringLiteral("<h2>%1</h2>").arg(tr("From the team")) + (note.trimmed().isEmpty() ? tr("<p>No note added.</p>")
                                                                                             : paragraphs(note));
    for (const auto &r : f.referrals)
        html += episode(f, r);
    if (f.referrals.empty())
        html += tr("<p>No referral to the team is recorded.</p>");
    doc.bodyHtml = html + questionnaires(f) + attendances(f, today);
    return doc;
}

Result<GpLetterFacts> gpLetterFacts(storage::Database &db, qint64 patientId)
{
    GpLetterFacts f;
    const auto patient = services::PatientService(db).byId(patientId);
    if (!patient)
        return patient.failure();
    if (!patient->has_value())
        return Error{tr("The patient could not be found: they may have been removed.")};
    f.patient = *patient.value();
    services::ReferralService referrals(db);
    services::AssessmentService assessments(db);
    if (Status ready = assessments.definitionsReady(); !ready)
        return ready.failure();
    const auto episodes = referrals.forPatient(patientId);
    const auto administered = assessments.forPatient(patientId);
    const auto attended = services::AttendanceService(db).forPatient(patientId);
    if (!episodes || !administered || !attended)
        return Error{tr("Part of the record could not be read: %1")
                         .arg(!episodes ? episodes.error() : !administered ? administered.error() : attended.error())};
    f.referrals = live(episodes.value());
    for (const auto &r : f.referrals) {
        const auto contacts = referrals.contactsOf(r.id);
        if (!contacts)
            return contacts.failure();
        f.contacts[r.id] = live(contacts.value());
    }
    f.assessments = live(administered.value());
    f.attendances = live(attended.value());
    f.definitions = newestDefinitions(assessments);
    return f;
}

Status recordLetterUse(storage::Database &db, const services::StampSource &session, qint64 patientId,
                       const QString &format)
{
    if (Status allowed = session.require(domain::Action::RecordContact); !allowed)
        return allowed;
    const QVariantMap details{{QStringLiteral("document"), QStringLiteral("gp_summary")}, {QStringLiteral("format"), format}};
    return services::Door(db, session).record({QStringLiteral("letter"), patientId, storage::ChangeAction::Report, {}, details,
                                               patientId});
}

} // namespace painmdt::reporting
