#pragma once
// Log-in at start (issue 7). Two forms of one dialog: log in to a database that has accounts,
// or make the first administrator of one that has none. On the demo database the demo
// accounts are listed and one is filled in, so a newcomer gets in with Enter.
#include "services/accountservice.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace painmdt::ui {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    LoginDialog(services::AccountService &accounts, const QString &databaseName, bool demo, QWidget *parent = nullptr);

    // Valid after the dialog was accepted.
    const services::StampSource &session() const { return m_session; }
    bool creatingFirstAdmin() const { return m_firstAdmin; }

    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QLabel *messageLabel() const { return m_message; }

private:
    void tryLogIn();

    services::AccountService &m_accounts;
    bool m_firstAdmin = false;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_message;
    services::StampSource m_session;
};

} // namespace painmdt::ui
