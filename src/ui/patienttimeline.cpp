#include "ui/patienttimeline.h"

#include "domain/clinicaldate.h"
#include "services/referralservice.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace painmdt::ui {

using Kind = domain::TimelineEvent::Kind;

namespace {

QString html(const QString &text)
{
    QString escaped = text.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return escaped;
}

QString eventHtml(const domain::TimelineEvent &e)
{
    QString when = domain::formatClinicalDate(e.on);
    if (e.at.isValid())
        when += QLatin1Char(' ') + e.at.toString(QStringLiteral("HH:mm"));
    QString head = QStringLiteral("<b>%1</b> \u00B7 %2").arg(html(when), html(domain::timelineKindLabel(e.kind)));
    if (!e.referralRef.isEmpty())
        head += QStringLiteral(" \u00B7 ") + html(e.referralRef);
    QString body = QStringLiteral("<p style='margin-top:6px'>%1<br>%2").arg(head, html(e.title));
    if (!e.text.isEmpty()) // notes in full, exactly as written (white-space kept)
        body += QStringLiteral("<br><span style='white-space:pre-wrap'>%1</span>").arg(html(e.text));
    return body + QStringLiteral("</p>");
}

} // namespace

PatientTimeline::PatientTimeline(services::ReferralService &service, QWidget *parent)
    : QWidget(parent), m_service(service), m_count(new QLabel(this)), m_view(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("patientTimeline"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show"), this));
    for (const Kind kind : {Kind::Referral, Kind::Triage, Kind::Contact, Kind::Questionnaire, Kind::Discharge, Kind::Flag,
                            Kind::Review, Kind::Alert}) {
        auto *box = new QCheckBox(domain::timelineKindLabel(kind), this);
        box->setObjectName(QStringLiteral("timelineKind%1").arg(int(kind)));
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &PatientTimeline::show);
        filters->addWidget(box);
        m_kinds.emplace(kind, box);
    }
    filters->addStretch();
    m_count->setObjectName(QStringLiteral("timelineCount"));
    filters->addWidget(m_count);
    m_view->setObjectName(QStringLiteral("timelineView"));
    m_view->setAccessibleName(tr("Timeline, newest first"));
    m_view->setOpenLinks(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
}

void PatientTimeline::setPatient(const domain::Patient &patient)
{
    m_patient = patient;
    refresh();
}

void PatientTimeline::refresh()
{
    const auto events = m_patient.id > 0 ? m_service.timeline(m_patient.id)
                                         : Many<domain::TimelineEvent>(std::vector<domain::TimelineEvent>{});
    m_events = events ? events.value() : std::vector<domain::TimelineEvent>{};
    m_error = events ? QString() : events.error(); // never an empty timeline that looks like "nothing happened"
    show();
}

void PatientTimeline::show()
{
    if (!m_error.isEmpty()) {
        m_count->clear();
        m_view->setHtml(QStringLiteral("<p>%1</p>").arg(html(tr("\u26A0 The timeline could not be read: %1").arg(m_error))));
        return;
    }
    QString body;
    int shown = 0;
    for (const auto &e : m_events)
        if (m_kinds.at(e.kind)->isChecked()) {
            body += eventHtml(e);
            ++shown;
        }
    if (m_events.empty())
        body = QStringLiteral("<p>%1</p>").arg(html(tr("Nothing recorded for this patient yet. A new referral "
                                                        "(Ctrl+R) starts their timeline.")));
    m_count->setText(shown != int(m_events.size()) ? tr("%1 of %2 events").arg(shown).arg(m_events.size())
                     : shown == 1                  ? tr("1 event")
                                                   : tr("%1 events").arg(shown));
    m_view->setHtml(body);
}

} // namespace painmdt::ui
