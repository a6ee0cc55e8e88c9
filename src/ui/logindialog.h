#pragma once
// Log-in at start (issue 7). Two forms of one dialog: log in to a database that has accounts,
// or, on a new database, the start page: make its first administrator, then begin with empty
// lists or with the import wizard, or open the demo instead (issue 13). On the demo database
// the demo accounts are listed and one is filled in, so a newcomer gets in with Enter.
#include "services/accountservice.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

namespace painmdt::ui {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    LoginDialog(services::AccountService &accounts, const QString &databaseName, bool demo, QWidget *parent = nullptr);

    // What the start page asked for once the dialog closes: the app, the app with the import
    // wizard open (accepted), or the demo instead (rejected: this database stays as it is).
    enum class Next { App, Import, Demo };

    // Valid after the dialog was accepted.
    const services::StampSource &session() const { return m_session; }
    bool creatingFirstAdmin() const { return m_firstAdmin; }
    Next next() const { return m_next; }

    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QLabel *messageLabel() const { return m_message; }
    QRadioButton *importChoice() const { return m_importChoice; } // null unless on the start page
    QPushButton *demoButton() const { return m_demoButton; }      // null unless on the start page

private:
    void addStartChoices(QVBoxLayout *layout);
    void tryLogIn();

    services::AccountService &m_accounts;
    bool m_firstAdmin = false;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_message;
    QRadioButton *m_importChoice = nullptr;
    QPushButton *m_demoButton = nullptr;
    Next m_next = Next::App;
    services::StampSource m_session;
};

} // namespace painmdt::ui
