#include "ui/usersdialog.h"

#include "ui/formmessage.h"
#include "ui/listtable.h"
#include "ui/notice.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

namespace painmdt::ui {

using services::Account;
using Mode = AccountFormDialog::Mode;

namespace {

// Least privilege first: a new account starts read-only unless the administrator chooses.
const domain::Role roleChoices[] = {domain::Role::ReadOnly, domain::Role::Clinician, domain::Role::Triage,
                                    domain::Role::Manager, domain::Role::Admin};

// An empty message takes no room in these forms.
void showMessage(QLabel *label, const QString &text)
{
    setMessage(label, text);
    label->setVisible(!text.isEmpty());
}

QLabel *newMessageLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // messages may quote what was typed
    label->hide();
    return label;
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

} // namespace

// --- the form ---------------------------------------------------------------------------------

AccountFormDialog::AccountFormDialog(services::AccountService &accounts, Mode mode, const Account &account,
                                     QWidget *parent)
    : QDialog(parent), m_accounts(accounts), m_mode(mode), m_account(account)
{
    setWindowTitle(mode == Mode::Add ? tr("Add user") : mode == Mode::Role ? tr("Change role") : tr("Reset password"));
    setMinimumWidth(420);
    auto *layout = new QVBoxLayout(this);
    if (mode != Mode::Add) {
        auto *intro = new QLabel(tr("Account %1 (%2)").arg(account.userName, account.displayName), this);
        intro->setTextFormat(Qt::PlainText);
        layout->addWidget(intro);
    }
    auto *form = new QFormLayout;
    layout->addLayout(form);
    if (mode == Mode::Add) {
        m_userName = new QLineEdit(this);
        m_userName->setObjectName(QStringLiteral("userNameEdit"));
        addField(form, QStringLiteral("user_name"), tr("&User name"), m_userName);
        m_displayName = new QLineEdit(this);
        m_displayName->setObjectName(QStringLiteral("displayNameEdit"));
        m_displayName->setPlaceholderText(tr("e.g. Amara Okoro; the user name when left empty"));
        addField(form, QStringLiteral("display_name"), tr("&Display name"), m_displayName);
    }
    if (mode != Mode::Password) {
        m_role = new QComboBox(this);
        m_role->setObjectName(QStringLiteral("roleCombo"));
        for (const domain::Role role : roleChoices)
            m_role->addItem(domain::roleLabel(role), int(role));
        m_role->setCurrentIndex(qMax(0, m_role->findData(int(mode == Mode::Add ? domain::Role::ReadOnly : account.role))));
        addField(form, QStringLiteral("role"), tr("&Role"), m_role);
    }
    if (mode != Mode::Role) {
        m_password = passwordField(QStringLiteral("passwordEdit"));
        m_password->setPlaceholderText(tr("At least %1 characters").arg(services::minPasswordLength));
        addField(form, QStringLiteral("password"), mode == Mode::Add ? tr("&Password") : tr("New &password"), m_password);
        m_confirm = passwordField(QStringLiteral("confirmEdit"));
        addField(form, QStringLiteral("confirm"), tr("&Confirm password"), m_confirm);
    }
    m_general = newMessageLabel(this, QStringLiteral("generalMessage"));
    layout->addWidget(m_general);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *saveButton = buttons->addButton(mode == Mode::Add    ? tr("&Add user")
                                                 : mode == Mode::Role ? tr("&Change role")
                                                                      : tr("&Reset password"),
                                                 QDialogButtonBox::AcceptRole);
    saveButton->setObjectName(QStringLiteral("saveButton"));
    saveButton->setDefault(true);
    buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole)->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &AccountFormDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    QWidget *first = m_userName;
    if (!first)
        first = m_role;
    if (!first)
        first = m_password;
    first->setFocus();
}

void AccountFormDialog::addField(QFormLayout *form, const QString &field, const QString &label, QWidget *widget)
{
    widget->setAccessibleName(QString(label).remove(QLatin1Char('&')));
    form->addRow(label, widget); // the label is the field's buddy: Alt+letter reaches it
    QLabel *message = newMessageLabel(this, widget->objectName() + QStringLiteral("Message"));
    form->addRow(message);
    m_messages.insert(field, message);
    m_fields.insert(field, widget);
}

QLineEdit *AccountFormDialog::passwordField(const QString &objectName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

QLabel *AccountFormDialog::message(const QString &field) const
{
    return field.isEmpty() ? m_general : m_messages.value(field);
}

domain::Role AccountFormDialog::selectedRole() const
{
    return domain::Role(m_role->currentData().toInt());
}

services::SaveResult<Account> AccountFormDialog::save()
{
    switch (m_mode) {
    case Mode::Add:
        return m_accounts.addUser(m_userName->text(), m_displayName->text(), selectedRole(), m_password->text());
    case Mode::Role:
        return m_accounts.setRole(m_account.userName, selectedRole());
    case Mode::Password:
        return m_accounts.resetPassword(m_account.userName, m_password->text());
    }
    return services::SaveResult<Account>::failed(tr("Nothing to save."));
}

void AccountFormDialog::clearMessages()
{
    for (QLabel *label : std::as_const(m_messages))
        showMessage(label, {});
    showMessage(m_general, {});
}

void AccountFormDialog::accept()
{
    clearMessages();
    if (m_confirm && m_password->text() != m_confirm->text()) {
        services::SaveProblem mismatch;
        mismatch.fieldErrors.push_back({QStringLiteral("confirm"), tr("The two passwords differ; type them again.")});
        return showProblem(mismatch);
    }
    if (m_mode == Mode::Role && selectedRole() == m_account.role) { // nothing changed: no audit row either
        m_saved = m_account;
        return QDialog::accept();
    }
    const auto result = save();
    if (!result.ok())
        return showProblem(result.problem); // what was typed stays, to be corrected
    m_saved = *result.value;
    QDialog::accept();
}

// Each field's first message beside it; a message about no field here (the last administrator,
// a refusal, a database fault) under the form.
void AccountFormDialog::showProblem(const services::SaveProblem &problem)
{
    QStringList general;
    QWidget *first = nullptr;
    for (const domain::FieldError &e : problem.fieldErrors) {
        QLabel *label = m_messages.value(e.field);
        if (!label) {
            general << e.message;
            continue;
        }
        if (!label->text().isEmpty())
            continue;
        showMessage(label, e.message);
        if (!first)
            first = m_fields.value(e.field);
    }
    if (!problem.message.isEmpty())
        general << problem.message;
    showMessage(m_general, general.join(QLatin1Char(' ')));
    if (first)
        first->setFocus();
    layout()->activate();
    resize(sizeHint().expandedTo(size())); // wrapped messages need taller rows
}

// --- the list ---------------------------------------------------------------------------------

UsersDialog::UsersDialog(services::AccountService &accounts, QWidget *parent)
    : QDialog(parent), m_accounts(accounts), m_notice(new Notice(this)),
      m_message(newMessageLabel(this, QStringLiteral("usersMessage"))), m_empty(new QLabel(this)),
      m_table(new QTableWidget(0, ColumnCount, this))
{
    setWindowTitle(tr("User accounts"));
    setMinimumWidth(640);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addWidget(m_message);
    m_empty->setObjectName(QStringLiteral("noAccounts"));
    m_empty->setText(tr("There are no user accounts. Use Add user\u2026 to add one."));
    m_empty->hide();
    layout->addWidget(m_empty);

    setUpListTable(m_table, QStringLiteral("accountsTable"), tr("User accounts"));
    m_table->setHorizontalHeaderLabels({tr("User name"), tr("Display name"), tr("Role"), tr("Status")});
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this] { updateButtons(); });
    layout->addWidget(m_table, 1);

    m_addButton = makeButton(tr("&Add user\u2026"), QStringLiteral("addUserButton"));
    m_roleButton = makeButton(tr("Change &role\u2026"), QStringLiteral("changeRoleButton"));
    m_disableButton = makeButton(tr("&Disable"), QStringLiteral("disableButton"));
    m_passwordButton = makeButton(tr("Reset &password\u2026"), QStringLiteral("resetPasswordButton"));
    m_closeButton = makeButton(tr("&Close"), QStringLiteral("closeButton"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_addButton, m_roleButton, m_disableButton, m_passwordButton})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(m_closeButton);
    layout->addLayout(buttons);
    m_addButton->setDefault(true); // Enter adds a user; Esc closes (QDialog)
    connect(m_addButton, &QPushButton::clicked, this, &UsersDialog::addUser);
    connect(m_roleButton, &QPushButton::clicked, this, &UsersDialog::changeRole);
    connect(m_disableButton, &QPushButton::clicked, this, &UsersDialog::toggleDisabled);
    connect(m_passwordButton, &QPushButton::clicked, this, &UsersDialog::resetPassword);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);

    reload();
    m_table->setFocus();
}

QPushButton *UsersDialog::makeButton(const QString &text, const QString &objectName)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    return button;
}

QString UsersDialog::statusText(const Account &a, const QDateTime &now)
{
    if (a.disabled)
        return tr("Disabled");
    if (a.lockedUntil.isValid() && a.lockedUntil > now)
        return tr("Locked until %1").arg(a.lockedUntil.toLocalTime().toString(QStringLiteral("HH:mm")));
    return tr("Active");
}

void UsersDialog::fillTable()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(int(m_list.size()));
    for (int row = 0; row < int(m_list.size()); ++row) {
        const Account &a = m_list[size_t(row)];
        m_table->setItem(row, UserNameColumn, cell(a.userName));
        m_table->setItem(row, DisplayNameColumn, cell(a.displayName));
        m_table->setItem(row, RoleColumn, cell(domain::roleLabel(a.role)));
        m_table->setItem(row, StatusColumn, cell(statusText(a, now)));
    }
}

// A failed read says so instead of showing an empty list.
void UsersDialog::reload(const QString &select)
{
    const QString keep = select.isEmpty() ? currentUserName() : select;
    const auto accounts = m_accounts.accounts();
    m_list = accounts ? accounts.value() : std::vector<Account>{};
    fillTable();
    m_table->setVisible(accounts.ok());
    m_empty->setVisible(accounts.ok() && m_list.empty());
    showMessage(m_message, accounts ? QString() : tr("The user accounts could not be read: %1").arg(accounts.error()));
    if (!selectUser(keep) && !m_list.empty())
        m_table->setCurrentCell(0, 0);
    updateButtons();
}

std::optional<Account> UsersDialog::current() const
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= int(m_list.size()))
        return std::nullopt;
    return m_list[size_t(row)];
}

QString UsersDialog::currentUserName() const
{
    const auto a = current();
    return a ? a->userName : QString();
}

bool UsersDialog::selectUser(const QString &userName)
{
    for (int row = 0; !userName.isEmpty() && row < int(m_list.size()); ++row)
        if (m_list[size_t(row)].userName.compare(userName, Qt::CaseInsensitive) == 0) {
            m_table->setCurrentCell(row, 0);
            return true;
        }
    return false;
}

void UsersDialog::updateButtons()
{
    const auto a = current();
    for (QPushButton *button : {m_roleButton, m_disableButton, m_passwordButton})
        button->setEnabled(a.has_value());
    m_disableButton->setText(a && a->disabled ? tr("&Enable") : tr("&Disable"));
}

void UsersDialog::showFailure(const QString &text)
{
    showMessage(m_message, text);
}

void UsersDialog::addUser()
{
    AccountFormDialog form(m_accounts, Mode::Add, {}, this);
    if (form.exec() != QDialog::Accepted)
        return;
    const Account added = form.saved();
    reload(added.userName);
    m_notice->show(tr("Added %1 (%2) as %3.").arg(added.userName, added.displayName, domain::roleLabel(added.role)));
    m_table->setFocus();
}

void UsersDialog::changeRole()
{
    const auto a = current();
    if (!a)
        return;
    AccountFormDialog form(m_accounts, Mode::Role, *a, this);
    if (form.exec() != QDialog::Accepted || form.saved().role == a->role)
        return;
    reload(a->userName);
    m_notice->show(tr("%1 is now %2.").arg(a->userName, domain::roleLabel(form.saved().role)), tr("&Undo"),
                   [this, name = a->userName, before = a->role] { setRoleBack(name, before); });
    m_table->setFocus();
}

void UsersDialog::setRoleBack(QString userName, domain::Role role)
{
    const auto result = m_accounts.setRole(userName, role);
    if (!result.ok())
        return showFailure(result.problem.summary());
    reload(userName);
    m_notice->show(tr("%1 is %2 again.").arg(userName, domain::roleLabel(role)));
    m_table->setFocus();
}

void UsersDialog::toggleDisabled()
{
    if (const auto a = current())
        changeDisabled(a->userName, !a->disabled, true);
}

// Enabling undoes disabling, so neither asks for confirmation: the notice offers Undo (ux.md).
void UsersDialog::changeDisabled(QString userName, bool disabled, bool offerUndo)
{
    const auto result = m_accounts.setDisabled(userName, disabled);
    if (!result.ok())
        return showFailure(result.problem.summary());
    reload(userName);
    const QString text = disabled ? tr("Disabled %1: they can no longer log in.").arg(userName)
                                  : tr("Enabled %1: they can log in again.").arg(userName);
    if (offerUndo)
        m_notice->show(text, tr("&Undo"), [this, userName, disabled] { changeDisabled(userName, !disabled, false); });
    else
        m_notice->show(text);
    m_table->setFocus();
}

void UsersDialog::resetPassword()
{
    const auto a = current();
    if (!a)
        return;
    AccountFormDialog form(m_accounts, Mode::Password, *a, this);
    if (form.exec() != QDialog::Accepted)
        return;
    reload(a->userName);
    m_notice->show(tr("New password set for %1; the account is unlocked.").arg(a->userName));
    m_table->setFocus();
}

} // namespace painmdt::ui
