#pragma once
// MDT case reviews (issue 8): meetings on the left; for the chosen one its date, title and
// attendees, its agenda (suggested: check-ins overdue, STarT Back High, flagged; or added by
// ref or NHS number), and for each patient, under their banner, the discussion, the decisions
// and the actions agreed. The minutes print to PDF with a banner on every patient item. A second
// tab lists the open actions, mine or the team's, soonest due first.
#include "domain/review.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableWidget;

namespace painmdt::services { class PatientService; class ReviewService; }

namespace painmdt::ui {

class ClinicalDateEdit;
class FormDraft;

class ReviewsPage : public QWidget {
    Q_OBJECT
public:
    ReviewsPage(services::ReviewService &reviews, services::PatientService &patients, QString me,
                QWidget *parent = nullptr);

    void refresh();                       // meetings and actions, keeping the chosen meeting
    void newMeeting();
    bool saveMeeting();
    void suggest();                       // adds the suggested patients not yet on the agenda
    bool addPatient(const QString &refOrNhs);
    bool saveItem();
    bool addAction(const QString &what, const QString &who, const QDate &due);
    bool markActionDone();
    QString printMinutes(const QString &path); // "" when written, else what went wrong

    QListWidget *meetingList() const { return m_meetings; }
    QListWidget *agendaList() const { return m_agenda; }
    QLineEdit *titleEdit() const { return m_title; }
    ClinicalDateEdit *dateEdit() const { return m_date; }
    QPlainTextEdit *attendeesEdit() const { return m_attendees; }
    QPlainTextEdit *discussionEdit() const { return m_discussion; }
    QPlainTextEdit *decisionsEdit() const { return m_decisions; }
    QTableWidget *actionsTable() const { return m_actions; }
    QTableWidget *openActionsTable() const { return m_openActions; }
    QLabel *bannerLabel() const { return m_banner; }
    QLabel *messageLabel() const { return m_message; }

Q_SIGNALS:
    void patientActivated(qint64 patientId);

protected:
    void showEvent(QShowEvent *event) override; // colleagues' meetings and actions, as they are now

Q_SIGNALS:
    void saved(const QString &message);

private:
    QWidget *buildMeeting();
    QWidget *buildItem();
    QWidget *buildActions();
    void showMeeting(qint64 id);
    void showItem();
    void showOpenActions();
    void say(const QString &text);
    const domain::AgendaItem *currentItem() const;

    services::ReviewService &m_reviews;
    services::PatientService &m_patients;
    QString m_me;
    domain::MdtMeeting m_meeting;
    std::vector<domain::AgendaItem> m_items;
    std::vector<domain::MdtAction> m_itemActions;
    std::vector<domain::ActionRow> m_open;
    QListWidget *m_meetings;
    ClinicalDateEdit *m_date;
    QLineEdit *m_title;
    QPlainTextEdit *m_attendees;
    QListWidget *m_agenda;
    QLabel *m_banner;
    QPlainTextEdit *m_discussion;
    QPlainTextEdit *m_decisions;
    QTableWidget *m_actions;
    QComboBox *m_whose;
    QTableWidget *m_openActions;
    QLabel *m_message;
    QWidget *m_itemBox = nullptr;
    FormDraft *m_draft = nullptr; // the shown item's discussion and decisions, kept as typed
};

} // namespace painmdt::ui
