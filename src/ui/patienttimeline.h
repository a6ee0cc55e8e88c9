#pragma once
// A patient's timeline (issue 8): everything about them in one list, newest first, with every
// note, triage note and questionnaire answer in full; tick boxes narrow it by kind.
#include "domain/patient.h"
#include "domain/timeline.h"

#include <QWidget>
#include <map>

class QCheckBox;
class QLabel;
class QTextBrowser;

namespace painmdt::services { class ReferralService; }

namespace painmdt::ui {

class PatientTimeline : public QWidget {
    Q_OBJECT
public:
    explicit PatientTimeline(services::ReferralService &service, QWidget *parent = nullptr);

    void setPatient(const domain::Patient &patient); // loads
    void refresh();

    QTextBrowser *view() const { return m_view; }
    QLabel *countLabel() const { return m_count; }
    QCheckBox *kindBox(domain::TimelineEvent::Kind kind) const { return m_kinds.at(kind); }

private:
    void show();

    services::ReferralService &m_service;
    domain::Patient m_patient;
    std::vector<domain::TimelineEvent> m_events;
    QString m_error;
    std::map<domain::TimelineEvent::Kind, QCheckBox *> m_kinds;
    QLabel *m_count;
    QTextBrowser *m_view;
};

} // namespace painmdt::ui
