// The start-up check (issue 11): a database with damaged pages, opened as the app opens one, takes
// no writes and says so, with the restore command naming the newest backup; a sound one is not
// held up. And Administration > Backups as an administrator uses it.
#include "support/testsupport.h"
#include "ui/uitestsupport.h"

#include "interchange/demogenerator.h"
#include "services/backupservice.h"
#include "services/patientservice.h"
#include "services/startupcheck.h"
#include "ui/autobackup.h"
#include "ui/backupsdialog.h"
#include "ui/mainwindow.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTest>

using namespace painmdt;

namespace {

const QString passphrase = QStringLiteral("lantern orchard pebble");

// Fills one index's root page with noise: the file still opens, its quick check fails.
void damageAnIndex(const QString &path)
{
    int page = 0, pageSize = 0;
    {
        auto db = storage::Database::open(path, storage::OpenMode::MustExist);
        REQUIRE(db.ok());
        QSqlQuery q(db.value()->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND rootpage > 1 "
                                      "ORDER BY rootpage DESC LIMIT 1")));
        REQUIRE(q.next());
        page = q.value(0).toInt();
        REQUIRE(q.exec(QStringLiteral("PRAGMA page_size")));
        REQUIRE(q.next());
        pageSize = q.value(0).toInt();
        REQUIRE(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadWrite));
    REQUIRE(file.seek(qint64(page - 1) * pageSize + 8));
    REQUIRE(file.write(QByteArray(pageSize - 16, '\x5a')) == pageSize - 16);
}

struct Team : test::UiFixture {
    QString folder = dir.filePath(QStringLiteral("backups"));
    Team()
    {
        interchange::DemoOptions options;
        options.patients = 200;
        REQUIRE(interchange::generateDemo(*db, options).ok());
    }
    void setPolicy()
    {
        const auto key = services::deriveBackupKey(passphrase);
        REQUIRE(key.ok());
        REQUIRE(services::BackupService(*db, test::adminSession()).setPolicy({key.value(), folder, 3}).ok());
    }
};

} // namespace

TEST_CASE("A damaged database takes no writes, and the window says so with the restore command", "[ui][startup]")
{
    Team f;
    f.setPolicy();
    const auto policy = services::BackupService(*f.db, test::adminSession()).policy();
    const auto backup = services::BackupService(*f.db, test::adminSession()).backUpNow(policy->value());
    REQUIRE(backup.ok());
    const QString path = f.db->location();
    f.service.reset();
    f.db.reset();
    damageAnIndex(path);

    auto check = std::make_shared<services::StartupCheck>(path);
    auto db = storage::Database::open(path, storage::OpenMode::MustExist);
    REQUIRE(db.ok());
    check->guard(*db.value());
    const auto answer = check->result();
    REQUIRE(answer.damaged);
    CHECK(answer.problem.contains(QStringLiteral("will not write")));

    // Every write is refused, whoever makes it, and nothing is written.
    services::PatientService patients(*db.value(), test::adminSession());
    const int before = test::countRows(*db.value(), QStringLiteral("change_log"));
    const auto saved = patients.add(test::person(QStringLiteral("Nobody"), QStringLiteral("New"), QDate(1970, 1, 1)));
    REQUIRE_FALSE(saved.ok());
    CHECK(saved.problem.summary().contains(QStringLiteral("will not write")));
    CHECK(test::countRows(*db.value(), QStringLiteral("change_log")) == before);

    ui::MainWindow window(db.value(), test::adminSession());
    window.watchStartupCheck(check);
    window.show();
    QLabel *banner = nullptr;
    QTRY_VERIFY((banner = window.findChild<QLabel *>(QStringLiteral("damageBanner"))) != nullptr);
    CHECK(banner->isVisible());
    CHECK(banner->text().contains(QStringLiteral("damaged")));
    CHECK(window.windowTitle().contains(QStringLiteral("DAMAGED")));
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("damageMessage"));
    REQUIRE(box);
    CHECK(box->informativeText().contains(QStringLiteral("painmdt restore --in ") + backup.value()));
    box->close();
}

TEST_CASE("A sound database passes the check, and writes go on as before", "[ui][startup]")
{
    Team f;
    services::StartupCheck check(f.db->location());
    check.guard(*f.db);
    CHECK_FALSE(check.result().damaged);
    CHECK(check.result().problem.isEmpty());
    CHECK(f.service->add(test::person(QStringLiteral("Sound"), QStringLiteral("Sam"), QDate(1980, 2, 2))).ok());
}

TEST_CASE("Administration > Backups: a passphrase typed twice, a folder, Back up now", "[ui][backup]")
{
    Team f;
    ui::AutoBackup autoBackup(f.db, test::adminSession());
    ui::BackupsDialog dialog(f.db, test::adminSession(), autoBackup);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    REQUIRE(QTest::qWaitForWindowActive(&dialog));
    CHECK(dialog.statusLabel()->text().contains(QStringLiteral("off")));
    CHECK_FALSE(dialog.backUpNowButton()->isEnabled());
    CHECK(test::unnamedFocusables(&dialog).join(QStringLiteral(", ")).toStdString() == "");

    dialog.folderEdit()->setText(f.folder);
    dialog.keepBox()->setValue(5);
    QTest::keyClicks(dialog.passphraseEdit(), QStringLiteral("too short"));
    QTest::keyClicks(dialog.confirmEdit(), QStringLiteral("too short"));
    dialog.saveButton()->click();
    CHECK(dialog.statusLabel()->text().contains(QStringLiteral("at least 12")));
    CHECK(QApplication::focusWidget() == dialog.passphraseEdit());

    dialog.passphraseEdit()->setText(passphrase);
    dialog.confirmEdit()->setText(passphrase + QStringLiteral("!"));
    dialog.saveButton()->click();
    CHECK(dialog.statusLabel()->text().contains(QStringLiteral("differ")));

    dialog.confirmEdit()->setText(passphrase);
    dialog.saveButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 20000);
    INFO(dialog.statusLabel()->text().toStdString());
    CHECK(dialog.statusLabel()->text().startsWith(QStringLiteral("Saved.")));
    CHECK(dialog.passphraseEdit()->text().isEmpty());
    const auto policy = services::BackupService(*f.db, test::adminSession()).policy();
    REQUIRE(policy.ok());
    REQUIRE(policy->has_value());
    CHECK(policy->value().keep == 5);

    REQUIRE(dialog.backUpNowButton()->isEnabled());
    dialog.backUpNowButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text().startsWith(QStringLiteral("Backed up to")), 20000);
    const QFileInfoList made = services::automaticBackups(f.folder, QStringLiteral("ui.sqlite"));
    REQUIRE(made.size() == 1);
    const auto restored = services::restoreToNewFile(made.front().absoluteFilePath(), passphrase,
                                                     f.dir.filePath(QStringLiteral("restored.sqlite")));
    CHECK(restored.ok());
}

TEST_CASE("Closing the app makes a backup when backups are set up, and none otherwise", "[ui][backup]")
{
    Team f;
    {
        ui::MainWindow window(f.db, test::adminSession());
        window.show();
        CHECK(window.close());
    }
    CHECK_FALSE(QFileInfo::exists(f.folder));
    f.setPolicy();
    {
        ui::MainWindow window(f.db, test::adminSession());
        window.show();
        CHECK(window.close());
    }
    CHECK(services::automaticBackups(f.folder, QStringLiteral("ui.sqlite")).size() == 1);
}

TEST_CASE("A start-up check that cannot run is said, and does not stop writes", "[ui][startup]")
{
    Team f;
    services::StartupCheck check(f.dir.filePath(QStringLiteral("not-there.sqlite")));
    check.guard(*f.db);
    CHECK_FALSE(check.result().damaged);
    CHECK(check.result().problem.contains(QStringLiteral("could not check")));
    CHECK(f.service->add(test::person(QStringLiteral("Still"), QStringLiteral("Saving"), QDate(1981, 3, 3))).ok());
}

TEST_CASE("The daily backup looks in its folder off the GUI thread, and a backup asked meanwhile is made",
          "[ui][backup]")
{
    Team f;
    f.setPolicy();
    ui::AutoBackup autoBackup(f.db, test::adminSession());
    QSignalSpy made(&autoBackup, &ui::AutoBackup::finished);
    autoBackup.backUpIfDue(); // none yet today: one is made
    CHECK(autoBackup.running());
    QTRY_VERIFY_WITH_TIMEOUT(!autoBackup.running(), 20000);
    REQUIRE(made.size() == 1);
    CHECK(made.front().at(1).toString().isEmpty());

    autoBackup.backUpIfDue(); // one today already: the thread looks, and makes none
    CHECK(autoBackup.running());
    int asked = 0;
    autoBackup.backUpNow([&asked](const Result<QString> &r) { asked += r.ok() ? 1 : 100; }); // while it looks
    QTRY_VERIFY_WITH_TIMEOUT(asked != 0, 20000);
    CHECK(asked == 1);
    QTRY_VERIFY_WITH_TIMEOUT(!autoBackup.running(), 20000);
    CHECK(made.size() == 2); // (two in the same second share a name: the later replaces the earlier)
    CHECK(made.back().at(1).toString().isEmpty());
}
