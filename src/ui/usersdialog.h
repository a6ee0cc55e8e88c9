#pragma once
// The administrator's user accounts (issue 7): add, change role, disable or enable, reset a
// password. Every change goes through AccountService, so the role check and the audit row are
// the door's; the list reloads after each change and keeps the highlighted account.
#include "services/accountservice.h"

#include <QDialog>
#include <QHash>
#include <optional>
#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace painmdt::ui {

class Notice;

// One small form for the changes that need typing: a new account, a role, a password. It saves
// through the service itself, so a refusal shows beside the field and leaves what was typed.
class AccountFormDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Add, Role, Password };

    // `account` is the one to change (Role, Password); ignored for Add.
    AccountFormDialog(services::AccountService &accounts, Mode mode, const services::Account &account = {},
                      QWidget *parent = nullptr);

    const services::Account &saved() const { return m_saved; } // valid after Accepted

    // Null when the mode has no such field.
    QLineEdit *userNameEdit() const { return m_userName; }
    QLineEdit *displayNameEdit() const { return m_displayName; }
    QComboBox *roleCombo() const { return m_role; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    // The inline message of a field ("user_name", "display_name", "role", "password", "confirm"),
    // or of the form as a whole for "".
    QLabel *message(const QString &field) const;

    void accept() override;

private:
    void addField(QFormLayout *form, const QString &field, const QString &label, QWidget *widget);
    QLineEdit *passwordField(const QString &objectName);
    domain::Role selectedRole() const;
    services::SaveResult<services::Account> save();
    void clearMessages();
    void showProblem(const services::SaveProblem &problem);

    services::AccountService &m_accounts;
    Mode m_mode;
    services::Account m_account;
    services::Account m_saved;
    QLineEdit *m_userName = nullptr;
    QLineEdit *m_displayName = nullptr;
    QComboBox *m_role = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_general = nullptr;
    QHash<QString, QLabel *> m_messages; // field -> its message
    QHash<QString, QWidget *> m_fields;  // field -> its widget, to focus the first problem
};

class UsersDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { UserNameColumn, DisplayNameColumn, RoleColumn, StatusColumn, ColumnCount };

    explicit UsersDialog(services::AccountService &accounts, QWidget *parent = nullptr);

    // "Active", "Disabled", "Locked until 14:05" (local time).
    static QString statusText(const services::Account &account, const QDateTime &now);

    void reload(const QString &select = {}); // highlights `select`, else keeps the highlighted account
    QString currentUserName() const;         // "" when none
    bool selectUser(const QString &userName);

    void addUser();
    void changeRole();
    void toggleDisabled();
    void resetPassword();

    QTableWidget *table() const { return m_table; }
    QLabel *messageLabel() const { return m_message; } // a failed read or change, else hidden
    QLabel *emptyLabel() const { return m_empty; }
    Notice *notice() const { return m_notice; }
    QPushButton *addButton() const { return m_addButton; }
    QPushButton *roleButton() const { return m_roleButton; }
    QPushButton *disableButton() const { return m_disableButton; }
    QPushButton *passwordButton() const { return m_passwordButton; }

private:
    QPushButton *makeButton(const QString &text, const QString &objectName);
    std::optional<services::Account> current() const;
    void fillTable();
    void updateButtons();
    void showFailure(const QString &text);
    // By value: called from a notice's Undo, whose callback (holding the originals) the next
    // notice replaces.
    void changeDisabled(QString userName, bool disabled, bool offerUndo);
    void setRoleBack(QString userName, domain::Role role);

    services::AccountService &m_accounts;
    std::vector<services::Account> m_list; // as shown, by user name
    Notice *m_notice;
    QLabel *m_message;
    QLabel *m_empty;
    QTableWidget *m_table;
    QPushButton *m_addButton;
    QPushButton *m_roleButton;
    QPushButton *m_disableButton;
    QPushButton *m_passwordButton;
    QPushButton *m_closeButton;
};

} // namespace painmdt::ui
