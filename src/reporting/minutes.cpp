#include "reporting/minutes.h"

#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"

#include <QCoreApplication>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Minutes", text); }

QString orNone(const QString &text)
{
    return text.trimmed().isEmpty() ? tr("Not recorded") : text;
}

QString actionsTable(const std::vector<domain::MdtAction> &actions)
{
    if (actions.empty())
        return QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Actions"), tr("None agreed."));
    QString html = QStringLiteral("<p><b>%1</b></p><table width='100%'><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>")
                       .arg(tr("Actions"), tr("What"), tr("Who"), tr("Due"), tr("Done"));
    for (const auto &a : actions)
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(escaped(a.description), escaped(a.owner), domain::formatClinicalDate(a.dueOn),
                         a.doneOn.isValid() ? domain::formatClinicalDate(a.doneOn) : tr("Open"));
    return html + QStringLiteral("</table>");
}

} // namespace

QString bannerLine(const domain::Patient &p, const QDate &today)
{
    // As the on-screen banner (ui/patientbanner.cpp plainText): clinical reference §3.
    const QString nhs = p.hasNhsNumber() ? domain::formatNhsNumber(p.nhsNumber) : tr("Not recorded");
    QStringList parts{domain::displayName(p)};
    if (p.isDeceased())
        parts << tr("Born %1").arg(domain::formatClinicalDate(p.dateOfBirth))
              << tr("Died %1").arg(domain::formatClinicalDate(p.dateOfDeath))
              << tr("Age at Death %1").arg(domain::formatAge(p.dateOfBirth, p.dateOfDeath));
    else
        parts << tr("Born %1 (%2)").arg(domain::formatClinicalDate(p.dateOfBirth), domain::formatAge(p.dateOfBirth, today));
    parts << tr("Gender %1").arg(domain::sexLabel(p.sex)) << tr("NHS No. %1").arg(nhs);
    return parts.join(QStringLiteral(" \u00B7 "));
}

PrintedDocument minutesDocument(const domain::MdtMeeting &meeting, const std::vector<MinutesItem> &items,
                                const QDate &today)
{
    PrintedDocument doc;
    doc.title = tr("MDT minutes: %1").arg(meeting.title);
    doc.scope = tr("Meeting held %1. %2 patient(s) discussed. Confidential: patient-identifiable.")
                    .arg(domain::formatClinicalDate(meeting.heldOn)).arg(items.size());
    QString html = QStringLiteral("<p><b>%1</b><br>%2</p>").arg(tr("Attendees"), escaped(orNone(meeting.attendees)));
    for (const auto &entry : items) {
        // Every patient item carries its own banner (ux.md), bordered, before anything about them.
        html += QStringLiteral("<table width='100%' style='margin-top:14px' border='2' cellpadding='6'>"
                               "<tr><td><b>%1</b></td></tr></table>")
                    .arg(escaped(bannerLine(entry.patient, today)));
        if (!entry.item.suggestedBecause.isEmpty())
            html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("On the agenda because"), escaped(entry.item.suggestedBecause));
        html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(tr("Discussion"), escaped(orNone(entry.item.discussion)));
        html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(tr("Decisions"), escaped(orNone(entry.item.decisions)));
        html += actionsTable(entry.actions);
    }
    if (items.empty())
        html += QStringLiteral("<p>%1</p>").arg(tr("No patients were on the agenda."));
    doc.bodyHtml = html;
    return doc;
}

} // namespace painmdt::reporting
