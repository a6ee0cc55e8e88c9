#pragma once
// The audit trail screen (issue 7): who did what and when, searched by patient, user and date,
// newest first. For administrators and service managers: the service refuses anyone else, and
// the screen shows that refusal. Lines name fields and users, never a changed value. The screen
// never shows an empty table for a search that failed: the line above the table says what
// happened ("No audit entries match.", "Showing the newest 500 ...", or the error).
#include "domain/result.h"
#include "services/auditservice.h"

#include <QDialog>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace painmdt::services { class AccountService; class BackgroundReader; }

namespace painmdt::ui {

class ClinicalDateEdit;

class AuditDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { WhenColumn, UserColumn, WhatColumn, ColumnCount };

    // Turns what was typed in the patient box (an NHS number in any spacing, or a patient ref)
    // into the patient's id: nullopt when no patient has it, an error when the look-up failed.
    using PatientLookup = std::function<Result<std::optional<qint64>>(const QString &)>;

    // `accounts` fills the user filter once; the dialog keeps no reference to it.
    // The search runs on `reader` (a year's trail is read without an index on user or date), as
    // the reader's user: the role is checked there.
    AuditDialog(services::BackgroundReader &reader, services::AccountService &accounts, PatientLookup findPatient,
                QWidget *parent = nullptr);

    void search(); // runs the filters as they stand, in the background; the dialog runs it once on opening

    static QString whenText(const QDateTime &at); // "03-Jun-2024 10:30" in local time

    QLineEdit *patientEdit() const { return m_patient; }
    QComboBox *userCombo() const { return m_user; }
    ClinicalDateEdit *fromEdit() const { return m_from; }
    ClinicalDateEdit *toEdit() const { return m_to; }
    QPushButton *searchButton() const { return m_search; }
    QTableWidget *table() const { return m_table; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void searched(); // a search's answer (or its error) is on screen

private:
    QLabel *labelFor(const QString &text, QWidget *buddy);
    void fillUsers(services::AccountService &accounts);
    bool readDates(services::AuditQuery &q);
    bool readPatient(services::AuditQuery &q);
    void showPage(const services::AuditPage &page, int limit);
    void showProblem(const QString &text, QWidget *focus = nullptr);
    void setStatus(const QString &text, bool problem);

    services::BackgroundReader &m_reader;
    quint64 m_searches = 0;
    PatientLookup m_findPatient;
    QLineEdit *m_patient;
    QComboBox *m_user;
    QLabel *m_userProblem;
    ClinicalDateEdit *m_from;
    ClinicalDateEdit *m_to;
    QPushButton *m_search;
    QLabel *m_status;
    QTableWidget *m_table;
};

} // namespace painmdt::ui
