#pragma once
// Locks the main window after the team's idle time (issue 7). An opaque cover hides every
// patient detail and every action; the widgets underneath, and whatever was typed into them,
// stay exactly as they were, so unlocking returns to the same screen with nothing lost. Only the
// same user's password unlocks (checked by the account service, so wrong tries count towards the
// account's lock-out and are audited).
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <chrono>

class QAction;
class QLabel;
class QLineEdit;
class QMainWindow;

namespace painmdt::services { class AccountService; }

namespace painmdt::ui {

class IdleLock : public QWidget {
    Q_OBJECT
public:
    IdleLock(QMainWindow *window, services::AccountService &accounts, QString userName, std::chrono::milliseconds idle);

    void lockNow();
    bool isLocked() const { return isVisible(); }
    QLineEdit *passwordEdit() const { return m_password; }
    QLabel *messageLabel() const { return m_message; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void tryUnlock();
    void setWindowEnabled(bool enabled);

    QMainWindow *m_window;
    services::AccountService &m_accounts;
    QString m_user;
    QTimer m_timer;
    QLineEdit *m_password;
    QLabel *m_message;
    QPointer<QWidget> m_focusBefore;
    std::vector<std::pair<QAction *, bool>> m_actions; // enabled state before locking
};

} // namespace painmdt::ui
