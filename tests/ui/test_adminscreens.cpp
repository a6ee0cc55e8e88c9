// Issue 7's admin screens as an administrator drives them: user accounts (add through the form,
// a refused password, disable and undo) and the audit trail (by user, by date, by patient, a
// refusal, and a failed read that says so instead of "No audit entries match.").
#include "support/elsewhere.h"
#include "ui/uitestsupport.h"

#include "services/accountservice.h"
#include "services/auditservice.h"
#include "services/patientservice.h"
#include "ui/auditdialog.h"
#include "ui/clinicaldateedit.h"
#include "ui/notice.h"
#include "ui/usersdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QHash>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace painmdt;
using domain::Role;
using painmdt::test::unnamedFocusables;

namespace {

const QString password = QStringLiteral("correct horse battery");

QDateTime noonUtc(int year, int month, int day)
{
    return QDateTime(QDate(year, month, day), QTime(12, 0), Qt::UTC);
}

QStringList column(const QTableWidget &table, int c)
{
    QStringList texts;
    for (int r = 0; r < table.rowCount(); ++r)
        texts << (table.item(r, c) ? table.item(r, c)->text() : QStringLiteral("<none>"));
    return texts;
}

QString cellText(const QTableWidget &table, int row, int c)
{
    return row >= 0 && table.item(row, c) ? table.item(row, c)->text() : QStringLiteral("<none>");
}

// The session's administrator "tester" has an account (the door keeps one active administrator),
// and so does one clinician.
struct AdminFixture {
    QTemporaryDir dir;
    QString path;
    std::shared_ptr<storage::Database> db;
    std::unique_ptr<services::AccountService> accounts;

    AdminFixture() : path(dir.filePath(QStringLiteral("admin.sqlite")))
    {
        auto opened = storage::Database::open(path);
        REQUIRE(opened.ok());
        db = opened.value();
        accounts = std::make_unique<services::AccountService>(*db, test::adminSession());
        REQUIRE(accounts->addUser(QStringLiteral("tester"), QStringLiteral("Test Admin"), Role::Admin, password).ok());
        REQUIRE(accounts->addUser(QStringLiteral("a.okoro"), QStringLiteral("Amara Okoro"), Role::Clinician, password).ok());
    }

    std::optional<services::Account> account(const QString &userName)
    {
        const auto all = accounts->accounts();
        REQUIRE(all.ok());
        for (const services::Account &a : all.value())
            if (a.userName == userName)
                return a;
        return std::nullopt;
    }
};

// Plus a triage account and three patients registered on known days: AU1 by a.okoro on
// 10-Mar-2024, AU2 by b.tan on 15-Apr-2024, AU3 by a.okoro on 20-May-2024.
struct AuditFixture : AdminFixture {
    std::unique_ptr<services::BackgroundReader> audit; // the audit search runs on it, as the administrator
    QHash<QString, qint64> patientIds; // NHS number or ref as typed (spaces removed) -> id

    AuditFixture()
    {
        REQUIRE(accounts->addUser(QStringLiteral("b.tan"), {}, Role::Triage, password).ok());
        registerAs("a.okoro", noonUtc(2024, 3, 10), "Amberley", "9990000018", "AU1");
        registerAs("b.tan", noonUtc(2024, 4, 15), "Birchall", "9990000026", "AU2");
        registerAs("a.okoro", noonUtc(2024, 5, 20), "Cawley", "9990000034", "AU3");
        audit = std::make_unique<services::BackgroundReader>(path, test::adminSession());
    }

    void registerAs(const char *user, const QDateTime &at, const char *family, const char *nhs, const char *ref)
    {
        services::PatientService patients(*db, services::StampSource(QString::fromLatin1(user), [at] { return at; },
                                                                      Role::Clinician));
        domain::Patient p;
        p.familyName = QString::fromLatin1(family);
        p.givenName = QStringLiteral("Tess");
        p.dateOfBirth = QDate(1970, 1, 1);
        p.sex = domain::Sex::Female;
        p.nhsNumber = QString::fromLatin1(nhs);
        p.patientRef = QString::fromLatin1(ref);
        const auto saved = patients.add(p);
        INFO(saved.problem.summary().toStdString());
        REQUIRE(saved.ok());
        patientIds.insert(p.nhsNumber, saved.value->id);
        patientIds.insert(p.patientRef, saved.value->id);
    }

    // What the main window will pass in: typed text to a patient id.
    ui::AuditDialog::PatientLookup lookup()
    {
        return [this](const QString &typed) -> Result<std::optional<qint64>> {
            const QString key = QString(typed).remove(QLatin1Char(' '));
            if (patientIds.contains(key))
                return std::optional<qint64>(patientIds.value(key));
            return std::optional<qint64>();
        };
    }
};

void activate(QWidget &window)
{
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
}

// Another connection removes the table, as damage or tampering outside PainMDT would.
void dropAuditTable(const QString &path)
{
    test::sqlElsewhere(path, QStringLiteral("DROP TABLE change_log"));
}

} // namespace

TEST_CASE("an administrator adds a user through the form and sees it highlighted in the table", "[ui][admin]")
{
    AdminFixture f;
    ui::UsersDialog dialog(*f.accounts);
    activate(dialog);
    CHECK(QApplication::focusWidget() == dialog.table());
    CHECK(column(*dialog.table(), ui::UsersDialog::UserNameColumn) == QStringList{QStringLiteral("a.okoro"), QStringLiteral("tester")});

    bool sawForm = false;
    QTimer::singleShot(0, [&] {
        auto *form = qobject_cast<ui::AccountFormDialog *>(QApplication::activeModalWidget());
        sawForm = form != nullptr;
        if (!form)
            return;
        QTest::keyClicks(form->userNameEdit(), QStringLiteral("c.bell"));
        QTest::keyClicks(form->displayNameEdit(), QStringLiteral("Cara Bell"));
        form->roleCombo()->setCurrentIndex(form->roleCombo()->findData(int(Role::Triage)));
        QTest::keyClicks(form->passwordEdit(), password);
        CHECK(form->passwordEdit()->echoMode() == QLineEdit::Password);
        QTest::keyClicks(form->confirmEdit(), password);
        QTest::keyClick(form->confirmEdit(), Qt::Key_Return); // Enter saves
        if (form->isVisible()) { // fail, but never leave a modal open
            FAIL_CHECK("the form stayed open: " << form->message({})->text().toStdString());
            form->reject();
        }
    });
    // Alt+A would press the button through animateClick, 100 ms later: click it at once instead
    // (the accelerators are checked in the accessibility test).
    dialog.addButton()->click();
    CHECK(sawForm);

    const QTableWidget &table = *dialog.table();
    CHECK(column(table, ui::UsersDialog::UserNameColumn)
          == QStringList{QStringLiteral("a.okoro"), QStringLiteral("c.bell"), QStringLiteral("tester")});
    CHECK(dialog.currentUserName() == QStringLiteral("c.bell"));
    const int row = table.currentRow();
    CHECK(cellText(table, row, ui::UsersDialog::DisplayNameColumn) == QStringLiteral("Cara Bell"));
    CHECK(cellText(table, row, ui::UsersDialog::RoleColumn) == QStringLiteral("Triage physiotherapist"));
    CHECK(cellText(table, row, ui::UsersDialog::StatusColumn) == QStringLiteral("Active"));
    CHECK(dialog.notice()->text().contains(QStringLiteral("Added c.bell")));
    // The new account logs in with the password typed.
    CHECK(services::AccountService(*f.db).logIn(QStringLiteral("c.bell"), password).ok());
}

TEST_CASE("a too-short password shows the field error keeps the form filled and adds nobody", "[ui][admin]")
{
    AdminFixture f;
    ui::UsersDialog dialog(*f.accounts);
    dialog.show();

    bool stayedOpen = false;
    QString passwordMessage, keptName;
    QTimer::singleShot(0, [&] {
        auto *form = qobject_cast<ui::AccountFormDialog *>(QApplication::activeModalWidget());
        if (!form)
            return;
        QTest::keyClicks(form->userNameEdit(), QStringLiteral("d.short"));
        QTest::keyClicks(form->passwordEdit(), QStringLiteral("short"));
        QTest::keyClicks(form->confirmEdit(), QStringLiteral("short"));
        form->accept();
        stayedOpen = form->isVisible();
        passwordMessage = form->message(QStringLiteral("password"))->text();
        keptName = form->userNameEdit()->text();
        form->reject();
    });
    dialog.addUser();

    CHECK(stayedOpen);
    CHECK(passwordMessage.contains(QStringLiteral("at least %1 characters").arg(services::minPasswordLength)));
    CHECK(keptName == QStringLiteral("d.short"));
    CHECK(column(*dialog.table(), ui::UsersDialog::UserNameColumn) == QStringList{QStringLiteral("a.okoro"), QStringLiteral("tester")});
    const auto count = f.accounts->accountCount();
    REQUIRE(count.ok());
    CHECK(count.value() == 2);
}

TEST_CASE("two different passwords are caught in the form before anything is saved", "[ui][admin]")
{
    AdminFixture f;
    ui::AccountFormDialog form(*f.accounts, ui::AccountFormDialog::Mode::Add);
    form.show();
    form.userNameEdit()->setText(QStringLiteral("e.diff"));
    form.passwordEdit()->setText(password);
    form.confirmEdit()->setText(password + QStringLiteral("!"));
    form.accept();
    CHECK(form.isVisible());
    CHECK(form.message(QStringLiteral("confirm"))->text().contains(QStringLiteral("differ")));
    CHECK_FALSE(f.account(QStringLiteral("e.diff")).has_value());
}

TEST_CASE("disabling a user keeps the row highlighted and the notice offers Undo", "[ui][admin]")
{
    AdminFixture f;
    ui::UsersDialog dialog(*f.accounts);
    dialog.show();
    REQUIRE(dialog.selectUser(QStringLiteral("a.okoro")));
    CHECK(dialog.disableButton()->text() == QStringLiteral("&Disable"));

    dialog.disableButton()->click();
    const QTableWidget &table = *dialog.table();
    CHECK(dialog.currentUserName() == QStringLiteral("a.okoro"));
    CHECK(cellText(table, table.currentRow(), ui::UsersDialog::StatusColumn) == QStringLiteral("Disabled"));
    CHECK(dialog.disableButton()->text() == QStringLiteral("&Enable"));
    CHECK(dialog.notice()->text().contains(QStringLiteral("Disabled a.okoro")));
    REQUIRE(f.account(QStringLiteral("a.okoro")).has_value());
    CHECK(f.account(QStringLiteral("a.okoro"))->disabled);

    QPushButton *undo = nullptr;
    for (QPushButton *button : dialog.notice()->findChildren<QPushButton *>())
        if (button->text() == QStringLiteral("&Undo"))
            undo = button;
    REQUIRE(undo);
    undo->click();
    CHECK(cellText(table, table.currentRow(), ui::UsersDialog::StatusColumn) == QStringLiteral("Active"));
    CHECK_FALSE(f.account(QStringLiteral("a.okoro"))->disabled);

    // A refused change says why in the dialog and changes nothing.
    REQUIRE(dialog.selectUser(QStringLiteral("tester")));
    dialog.toggleDisabled();
    CHECK(dialog.messageLabel()->isVisible());
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("cannot disable your own account")));
    CHECK_FALSE(f.account(QStringLiteral("tester"))->disabled);
}

TEST_CASE("the admin screens name every focusable widget and give every button an accelerator", "[ui][admin]")
{
    AuditFixture f;
    ui::UsersDialog users(*f.accounts);
    users.show();
    CHECK(unnamedFocusables(&users) == QStringList{});
    QStringList accelerators;
    for (QPushButton *button : {users.addButton(), users.roleButton(), users.disableButton(), users.passwordButton(),
                                users.findChild<QPushButton *>(QStringLiteral("closeButton"))}) {
        REQUIRE(button);
        accelerators << QKeySequence::mnemonic(button->text()).toString();
    }
    CHECK(accelerators == QStringList{QStringLiteral("Alt+A"), QStringLiteral("Alt+R"), QStringLiteral("Alt+D"),
                                      QStringLiteral("Alt+P"), QStringLiteral("Alt+C")});
    for (const auto mode : {ui::AccountFormDialog::Mode::Add, ui::AccountFormDialog::Mode::Role,
                            ui::AccountFormDialog::Mode::Password}) {
        ui::AccountFormDialog form(*f.accounts, mode, *f.account(QStringLiteral("a.okoro")));
        form.show();
        CHECK(unnamedFocusables(&form) == QStringList{});
    }
    ui::AuditDialog audit(*f.audit, *f.accounts, f.lookup());
    audit.show();
    test::settle(*f.audit);
    CHECK(unnamedFocusables(&audit) == QStringList{});
}

TEST_CASE("the audit screen finds entries by user and by date range", "[ui][admin][audit]")
{
    AuditFixture f;
    ui::AuditDialog dialog(*f.audit, *f.accounts, f.lookup());
    dialog.show();
    test::settle(*f.audit);
    const QTableWidget &table = *dialog.table();
    CHECK(table.rowCount() > 0); // on opening: the newest entries
    CHECK(cellText(table, 0, ui::AuditDialog::WhatColumn) == QStringLiteral("Patient AU3 created"));

    QComboBox *user = dialog.userCombo();
    CHECK(user->itemText(0) == QStringLiteral("Anyone"));
    user->setCurrentIndex(user->findData(QStringLiteral("a.okoro")));
    CHECK(user->currentText() == QStringLiteral("Amara Okoro (a.okoro)"));
    dialog.searchButton()->click();
    test::settle(*f.audit);
    CHECK(column(table, ui::AuditDialog::WhatColumn)
          == QStringList{QStringLiteral("Patient AU3 created"), QStringLiteral("Patient AU1 created")});
    CHECK(column(table, ui::AuditDialog::UserColumn)
          == QStringList{QStringLiteral("Amara Okoro (a.okoro)"), QStringLiteral("Amara Okoro (a.okoro)")});
    CHECK(column(table, ui::AuditDialog::WhenColumn)
          == QStringList{ui::AuditDialog::whenText(noonUtc(2024, 5, 20)), ui::AuditDialog::whenText(noonUtc(2024, 3, 10))});
    CHECK(dialog.statusLabel()->text() == QStringLiteral("2 entries."));

    user->setCurrentIndex(0); // anyone
    dialog.fromEdit()->setText(QStringLiteral("01-Apr-2024"));
    dialog.toEdit()->setText(QStringLiteral("20-May-2024"));
    QTest::keyClick(dialog.toEdit(), Qt::Key_Return); // Enter searches
    test::settle(*f.audit);
    CHECK(column(table, ui::AuditDialog::WhatColumn)
          == QStringList{QStringLiteral("Patient AU3 created"), QStringLiteral("Patient AU2 created")});
    CHECK(column(table, ui::AuditDialog::UserColumn) == QStringList{QStringLiteral("Amara Okoro (a.okoro)"), QStringLiteral("b.tan")});

    dialog.fromEdit()->setText(QStringLiteral("01-Jan-2020"));
    dialog.toEdit()->setText(QStringLiteral("31-Dec-2020"));
    dialog.search();
    test::settle(*f.audit);
    CHECK(dialog.statusLabel()->text() == QStringLiteral("No audit entries match."));
    CHECK(table.rowCount() == 0);
    CHECK_FALSE(table.isVisible());

    dialog.fromEdit()->setText(QStringLiteral("01-Jun-2024")); // after To
    dialog.search();
    test::settle(*f.audit);
    CHECK(dialog.statusLabel()->text().contains(QStringLiteral("The From date is after the To date.")));
    CHECK_FALSE(dialog.statusLabel()->text().contains(QStringLiteral("No audit entries match")));
}

TEST_CASE("the audit screen finds a patient's entries from the NHS number as typed", "[ui][admin][audit]")
{
    AuditFixture f;
    ui::AuditDialog dialog(*f.audit, *f.accounts, f.lookup());
    dialog.show();
    test::settle(*f.audit);
    QTest::keyClicks(dialog.patientEdit(), QStringLiteral("999 000 0026"));
    QTest::keyClick(dialog.patientEdit(), Qt::Key_Return);
    test::settle(*f.audit);
    CHECK(column(*dialog.table(), ui::AuditDialog::WhatColumn) == QStringList{QStringLiteral("Patient AU2 created")});
    CHECK(column(*dialog.table(), ui::AuditDialog::UserColumn) == QStringList{QStringLiteral("b.tan")});

    dialog.patientEdit()->setText(QStringLiteral("AU3"));
    dialog.search();
    test::settle(*f.audit);
    CHECK(column(*dialog.table(), ui::AuditDialog::WhatColumn) == QStringList{QStringLiteral("Patient AU3 created")});

    dialog.patientEdit()->setText(QStringLiteral("999 000 0042")); // valid, but nobody's
    dialog.patientEdit()->clear();
    dialog.search();                                                // still running when ...
    dialog.patientEdit()->setText(QStringLiteral("999 000 0042")); // ... this filter is refused:
    dialog.search();
    test::settle(*f.audit); // the first search's answer must not replace the refusal
    CHECK(dialog.statusLabel()->text().contains(QStringLiteral("No patient has the NHS No. or patient ref")));
    CHECK(dialog.table()->rowCount() == 0);
}

TEST_CASE("a clinician opening the audit screen sees the refusal and no entries", "[ui][admin][audit]")
{
    AuditFixture f;
    services::BackgroundReader clinicians(f.path, services::StampSource(QStringLiteral("a.okoro"),
                                                                        [] { return QDateTime::currentDateTimeUtc(); },
                                                                        Role::Clinician));
    ui::AuditDialog dialog(clinicians, *f.accounts, f.lookup());
    dialog.show();
    test::settle(clinicians);
    CHECK(dialog.statusLabel()->text().contains(QStringLiteral("may not see the audit trail")));
    CHECK(dialog.table()->rowCount() == 0);
    CHECK_FALSE(dialog.table()->isVisible());
}

TEST_CASE("a failed audit read shows what went wrong and never says nothing matched", "[ui][admin][audit]")
{
    AuditFixture f;
    dropAuditTable(f.path);
    ui::AuditDialog dialog(*f.audit, *f.accounts, f.lookup());
    dialog.show();
    test::settle(*f.audit);
    const QString status = dialog.statusLabel()->text();
    CHECK(status.contains(QStringLiteral("The audit trail could not be read")));
    CHECK_FALSE(status.contains(QStringLiteral("No audit entries match")));
    CHECK(dialog.table()->rowCount() == 0);
    CHECK_FALSE(dialog.table()->isVisible());

    dialog.searchButton()->click(); // trying again says the same
    test::settle(*f.audit);
    CHECK(dialog.statusLabel()->text().contains(QStringLiteral("The audit trail could not be read")));
}
