// The GUI half of the crash test (issue 11; tests/cli/test_crash.cpp): the real main window,
// offscreen, registering patients (New patient) and renaming every third (Edit patient), as fast as
// it can, until it is killed. After each save it prints what was saved, so the test knows what
// must survive the kill: "registered FAMILY GIVEN" or "renamed FAMILY GIVEN".
// Usage: crash_gui_edits DB RUN (RUN: letters that make this run's names unique)
#include "services/workspace.h"
#include "ui/mainwindow.h"
#include "ui/patientdialog.h"
#include "ui/patientpage.h"
#include "ui_patientdialog.h"

#include <QApplication>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace painmdt;

namespace {

// Letters only, as names must be: 0 -> "Aa", 27 -> "Bb".
QString letters(int n)
{
    return QString(QChar(u'A' + (n / 26) % 26)) + QChar(u'a' + n % 26);
}

// Opens the dialog `open` brings up, types into it, and saves it.
void fillAndSave(const std::function<void()> &open, const std::function<void(ui::PatientDialog &)> &fill)
{
    QTimer::singleShot(0, [fill] {
        if (auto *dialog = qobject_cast<ui::PatientDialog *>(QApplication::activeModalWidget())) {
            fill(*dialog);
            dialog->accept();
            if (dialog->isVisible()) {
                std::fprintf(stderr, "the dialog refused the save\n");
                std::exit(2);
            }
        }
    });
    open();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 3)
        return std::fprintf(stderr, "usage: crash_gui_edits DB RUN\n"), 2;
    auto db = services::openDatabase(QString::fromLocal8Bit(argv[1]), services::OpenMode::MustExist);
    if (!db)
        return std::fprintf(stderr, "%s\n", qPrintable(db.error())), 1;
    const services::StampSource admin(QStringLiteral("crash.tester"), [] { return QDateTime::currentDateTimeUtc(); },
                                      domain::Role::Admin);
    const QString run = QString::fromLocal8Bit(argv[2]); // letters: each run's names are its own
    ui::MainWindow window(db.value(), admin);
    window.show();
    QApplication::setActiveWindow(&window);
    if (!QTest::qWaitForWindowActive(&window))
        return std::fprintf(stderr, "the window never became active\n"), 2;
    for (int i = 0; i < 2000; ++i) {
        const QString family = QStringLiteral("Kill") + run + letters(i);
        fillAndSave([&] { window.newPatient(); }, [&](ui::PatientDialog &d) {
            d.form().familyNameEdit->setText(family);
            d.form().givenNameEdit->setText(QStringLiteral("Una"));
            QTest::keyClicks(d.form().dateOfBirthEdit, QStringLiteral("-40y"));
        });
        if (window.pages()->currentWidget() != window.patientPage()
            || window.patientPage()->patient().familyName.compare(family, Qt::CaseInsensitive) != 0)
            return std::fprintf(stderr, "no record opened after saving %s\n", qPrintable(family)), 2;
        std::printf("registered %s Una\n", qPrintable(family));
        std::fflush(stdout);
        if (i % 3 == 0) {
            fillAndSave([&] { window.editPatient(); }, [&](ui::PatientDialog &d) { d.form().givenNameEdit->setText(QStringLiteral("Ida")); });
            if (window.patientPage()->patient().givenName != QLatin1String("Ida"))
                return std::fprintf(stderr, "the rename of %s did not show\n", qPrintable(family)), 2;
            std::printf("renamed %s Ida\n", qPrintable(family));
            std::fflush(stdout);
        }
    }
    return 0;
}
