// A patient's hospital use recorded by hand (issue 10): the dialog under the banner, by keyboard;
// bed days only for admissions; problems beside their field in words; the tab's summary and
// list; Ctrl+Z withdraws a new attendance and Ctrl+Shift+Z puts it back; withdrawing needs a
// reason and leaves the record in the audit trail; a read-only user cannot record.
#include "ui/uitestsupport.h"

#include "services/attendanceservice.h"
#include "ui/attendancedialog.h"
#include "ui/clinicaldateedit.h"
#include "ui/mainwindow.h"
#include "ui/patientattendances.h"
#include "ui/patientbanner.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace painmdt;
using test::must;

namespace {

struct AttendanceFixture : test::UiFixture {
    test::FixedToday fixedToday;
    domain::Patient patient = add("Okafor", "Grace", QDate(1960, 3, 12), "9990000018", "RX100");
    services::AttendanceService service{*db, test::adminSession()};

    int live()
    {
        int n = 0;
        for (const auto &a : must(service.forPatient(patient.id)))
            n += a.isEnteredInError() ? 0 : 1;
        return n;
    }
};

void choose(QComboBox *box, const char *code)
{
    box->setCurrentIndex(box->findData(QString::fromLatin1(code)));
}

} // namespace

TEST_CASE("Hospital use: an admission typed by keyboard is saved with its bed days, under the patient's banner")
{
    AttendanceFixture f;
    ui::AttendanceDialog dialog(f.service, f.patient);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    REQUIRE(QTest::qWaitForWindowActive(&dialog));
    CHECK(dialog.banner()->isVisible());
    CHECK(dialog.dateEdit()->hasFocus());
    CHECK(test::unnamedFocusables(&dialog).isEmpty());
    CHECK_FALSE(dialog.bedDaysBox()->isEnabled()); // A&E first: no bed days
    QTest::keyClicks(dialog.dateEdit(), QStringLiteral("03/11/2026"));
    choose(dialog.settingBox(), "non_elective_admission");
    CHECK(dialog.bedDaysBox()->isEnabled());
    dialog.bedDaysBox()->setValue(4);
    QTest::keyClicks(dialog.specialtyEdit(), QStringLiteral("General surgery"));
    QTest::keyClick(dialog.specialtyEdit(), Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(dialog.result() == QDialog::Accepted);
    const auto saved = dialog.saved();
    CHECK(saved.attendedOn == QDate(2026, 11, 3));
    CHECK(saved.setting == QStringLiteral("non_elective_admission"));
    CHECK(saved.bedDays == 4);
    CHECK(f.live() == 1);
}

TEST_CASE("Hospital use: a future or unreadable date is said beside the date, in words, and nothing is saved")
{
    AttendanceFixture f;
    ui::AttendanceDialog dialog(f.service, f.patient);
    QTest::keyClicks(dialog.dateEdit(), QStringLiteral("01-Dec-2026"));
    dialog.accept();
    CHECK(dialog.messageFor(QStringLiteral("attended_on"))->text() == QStringLiteral("\u26A0 01-Dec-2026 is in the future."));
    dialog.dateEdit()->clear();
    dialog.accept();
    CHECK(dialog.messageFor(QStringLiteral("attended_on"))->text().contains(QStringLiteral("such as 01-Apr-2026")));
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(f.live() == 0);
}

TEST_CASE("Hospital use: the tab lists and sums the attendances, Ctrl+Z withdraws a new one and Ctrl+Shift+Z puts it back")
{
    AttendanceFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    domain::Attendance older;
    older.patientId = f.patient.id;
    older.attendedOn = QDate(2025, 6, 1);
    older.setting = QStringLiteral("ae");
    REQUIRE(f.service.add(older).ok());
    window.openPatient(f.patient.id);
    ui::PatientAttendances *tab = window.attendances();
    CHECK(tab->summaryLabel()->text() == QStringLiteral("1 recorded: A&E 1. In the 12 months to today: 0."));

    QTimer::singleShot(0, [] {
        auto *dialog = qobject_cast<ui::AttendanceDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog);
        QTest::keyClicks(dialog->dateEdit(), QStringLiteral("t"));
        choose(dialog->settingBox(), "gp");
        dialog->accept();
    });
    QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(tab->table()->rowCount() == 2);
    CHECK(tab->table()->item(0, 1)->text() == QStringLiteral("GP")); // newest first
    CHECK(tab->summaryLabel()->text() == QStringLiteral("2 recorded: A&E 1, GP 1. In the 12 months to today: 1."));

    window.undoStack()->undo();
    CHECK(f.live() == 1);
    tab->refresh();
    CHECK(tab->table()->rowCount() == 1);
    CHECK(tab->summaryLabel()->text() == QStringLiteral("1 recorded: A&E 1. In the 12 months to today: 0."));
    window.undoStack()->redo();
    CHECK(f.live() == 2);
}

TEST_CASE("Hospital use: withdrawing needs a reason, and a read-only user cannot record or withdraw")
{
    AttendanceFixture f;
    domain::Attendance a;
    a.patientId = f.patient.id;
    a.attendedOn = QDate(2026, 10, 1);
    a.setting = QStringLiteral("ambulance");
    REQUIRE(f.service.add(a).ok());
    ui::PatientAttendances tab(f.service, test::adminSession());
    tab.setPatient(f.patient);
    tab.table()->selectRow(0);
    CHECK(tab.withdrawAction()->isEnabled());
    tab.withdrawHighlighted(QStringLiteral("Wrong patient"));
    CHECK(f.live() == 0);
    CHECK(tab.table()->rowCount() == 0);

    const services::StampSource reader(QStringLiteral("viewer"), [] { return QDateTime::currentDateTimeUtc(); },
                                       domain::Role::ReadOnly);
    ui::PatientAttendances readOnly(f.service, reader);
    readOnly.setPatient(f.patient);
    CHECK_FALSE(readOnly.recordAction()->isEnabled());
    CHECK(readOnly.recordAction()->toolTip().contains(QStringLiteral("may not")));
}
