#include "ui/logindialog.h"

#include "interchange/demogenerator.h"
#include "ui/samplefiles.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace painmdt::ui {

LoginDialog::LoginDialog(services::AccountService &accounts, const QString &databaseName, bool demo, QWidget *parent)
    : QDialog(parent), m_accounts(accounts), m_user(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_repeat(new QLineEdit(this)), m_message(new QLabel(this))
{
    const auto count = accounts.accountCount();
    m_firstAdmin = count && count.value() == 0;
    const bool startPage = m_firstAdmin && !demo;
    setWindowTitle(startPage ? tr("Welcome to PainMDT") : tr("PainMDT \u2014 log in"));
    setMinimumWidth(460);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(m_firstAdmin ? (startPage ? tr("<h3>Welcome to PainMDT</h3>") : QString())
                                                + tr("<b>%1</b> is new: nobody has an account yet. Choose the user name and "
                                                     "password of its first administrator; that account then adds everyone "
                                                     "else.").arg(databaseName.toHtmlEscaped())
                                          : tr("Log in to <b>%1</b>.").arg(databaseName.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&User name"), m_user);
    form->addRow(tr("&Password"), m_password);
    if (m_firstAdmin)
        form->addRow(tr("&Repeat password"), m_repeat);
    else
        m_repeat->hide();
    layout->addLayout(form);
    if (startPage)
        addStartChoices(layout);

    if (demo) {
        QStringList lines;
        for (const auto &a : interchange::demoAccounts)
            lines << QStringLiteral("%1 \u2014 %2").arg(QLatin1String(a.userName),
                                                     domain::roleLabel(*domain::parseRole(QLatin1String(a.role))));
        auto *accountsNote = new QLabel(tr("A demo database of invented patients. Its accounts, each with the password "
                                           "<b>%1</b>:<br>%2").arg(QLatin1String(interchange::demoPassword), lines.join(QStringLiteral("<br>"))),
                                        this);
        accountsNote->setWordWrap(true);
        accountsNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(accountsNote);
        m_user->setText(QStringLiteral("demo.clinician"));
        m_password->setText(QLatin1String(interchange::demoPassword));
    }

    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Log-in message"));
    m_message->setStyleSheet(QStringLiteral("color: #8a1f11; font-weight: bold")); // the text says it, not the colour alone
    m_message->hide();
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *ok = buttons->addButton(m_firstAdmin ? tr("Create and log in") : tr("Log in"), QDialogButtonBox::AcceptRole);
    ok->setDefault(true);
    if (startPage) {
        m_demoButton = buttons->addButton(tr("Open the &demo instead"), QDialogButtonBox::ResetRole);
        m_demoButton->setToolTip(tr("Try PainMDT on invented patients; this database stays as it is."));
        connect(m_demoButton, &QPushButton::clicked, this, [this] {
            m_next = Next::Demo;
            reject();
        });
    }
    buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::tryLogIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (!count) {
        m_message->setText(count.error());
        m_message->show();
        ok->setEnabled(false);
    }
    (demo ? m_password : m_user)->setFocus(); // on the demo, Enter logs in
}

// After the administrator: empty lists, each saying how to fill it, or the import wizard.
void LoginDialog::addStartChoices(QVBoxLayout *layout)
{
    auto *then = new QGroupBox(tr("Then"), this);
    auto *choices = new QVBoxLayout(then);
    auto *empty = new QRadioButton(tr("&Start with empty lists (each says how to fill it)"), then);
    const QString samples = sampleFilesFolder();
    m_importChoice = new QRadioButton(tr("&Import files: patients, referrals, contacts, questionnaires, attendances"), then);
    empty->setChecked(true);
    choices->addWidget(empty);
    choices->addWidget(m_importChoice);
    if (!samples.isEmpty()) {
        auto *where = new QLabel(tr("Sample files to try it with: %1").arg(QDir::toNativeSeparators(samples)), then);
        where->setWordWrap(true);
        where->setTextInteractionFlags(Qt::TextSelectableByMouse);
        where->setIndent(24);
        choices->addWidget(where);
    }
    layout->addWidget(then);
}

void LoginDialog::tryLogIn()
{
    const auto fail = [this](const QString &message, QLineEdit *focus) {
        m_message->setText(message);
        m_message->show();
        focus->setFocus();
        focus->selectAll();
    };
    if (m_firstAdmin && m_password->text() != m_repeat->text())
        return fail(tr("The two passwords differ; type them again."), m_password);
    const auto session = m_firstAdmin ? m_accounts.createFirstAdmin(m_user->text(), m_password->text())
                                      : m_accounts.logIn(m_user->text(), m_password->text());
    if (!session) {
        m_password->clear();
        m_repeat->clear();
        return fail(session.error(), m_password);
    }
    m_session = session.value();
    m_next = m_importChoice && m_importChoice->isChecked() ? Next::Import : Next::App;
    accept();
}

} // namespace painmdt::ui
