// The import wizard (issue 10, item 1), driven as a service manager would: a hospital extract
// with its own headings is matched to ours, previewed, checked on the worker thread and imported;
// next month's file gets the same columns without asking; a bad row is named by line, our
// column and theirs, and nothing is written unless the bad rows are set aside (in a file with the
// hospital's own headings); Cancel writes nothing; a role that may not import sees nothing to import.
#include "ui/uitestsupport.h"

#include "services/attendanceservice.h"
#include "ui/importwizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>

Q_DECLARE_METATYPE(painmdt::interchange::ImportSummary)

using namespace painmdt;
using test::must;

namespace {

const QByteArray extractHeader = "Episode ID,Hospital No,Admission Date,Type,LOS,Spec,Ward\n";

struct WizardFixture : test::UiFixture {
    services::StampSource manager{QStringLiteral("m.jones"), [] { return QDateTime::currentDateTimeUtc(); },
                                  domain::Role::Manager};
    WizardFixture()
    {
        add("Okafor", "Grace", QDate(1960, 3, 12), "9990000018", "RX100");
        add("Smith", "Joan", QDate(1960, 9, 1), "9990000026", "RX101");
    }
    QString write(const char *name, const QByteArray &rows)
    {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(extractHeader + rows);
        return path;
    }
    int attendances()
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM attendance")));
        REQUIRE(q.next());
        return q.value(0).toInt();
    }
};

void choose(ui::ImportWizard &w, const char *ours, const char *theirs)
{
    QComboBox *box = w.columnBox(QString::fromLatin1(ours));
    REQUIRE(box != nullptr);
    box->setCurrentIndex(box->findData(QString::fromLatin1(theirs)));
}

// Waits for the check or the import on the worker thread.
interchange::ImportSummary waitForRun(ui::ImportWizard &w)
{
    QSignalSpy spy(&w, &ui::ImportWizard::runFinished);
    INFO(w.runStatus()->text().toStdString());
    REQUIRE(w.running()); // a run refused before it starts says why in the status
    REQUIRE(spy.wait(30000)); // the answer reaches the wizard through the event loop
    return spy.takeLast().at(0).value<interchange::ImportSummary>();
}

// The file page filled and Next pressed: the columns page, with its guesses.
void toColumns(ui::ImportWizard &w, const QString &path)
{
    if (w.currentId() == -1)
        w.restart(); // not shown: the wizard starts on its first page
    w.kindBox()->setCurrentIndex(w.kindBox()->findData(QStringLiteral("attendances")));
    w.fileEdit()->setText(path);
    w.next();
    REQUIRE(w.currentId() == ui::ImportWizard::ColumnsPage);
}

void mapExtract(ui::ImportWizard &w)
{
    choose(w, "attendance_ref", "episode id");
    choose(w, "patient_ref", "hospital no");
    choose(w, "attended_on", "admission date");
    choose(w, "setting", "type");
    choose(w, "bed_days", "los");
    choose(w, "specialty", "spec");
}

} // namespace

TEST_CASE("Import wizard: a hospital extract with its own headings is matched, previewed, checked and imported")
{
    qRegisterMetaType<interchange::ImportSummary>();
    WizardFixture f;
    const QString path = f.write("extract-oct.csv", "E1,RX100,2026-10-01,ae,,,Resus\n"
                                                    "E2,RX100,2026-10-09,non_elective_admission,3,General medicine,7B\n"
                                                    "E3,RX101,2026-10-20,gp,,,\n");
    ui::ImportWizard w(f.db, f.manager);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    CHECK(ui::ImportWizard::kindsFor(f.manager).contains(QStringLiteral("attendances")));
    toColumns(w, path);
    CHECK(test::unnamedFocusables(w.currentPage()).isEmpty());
    CHECK(w.columnBox(QStringLiteral("patient_ref"))->currentData().toString().isEmpty()); // nothing alike to guess
    w.next(); // a required column not chosen: stays, and says which
    CHECK(w.currentId() == ui::ImportWizard::ColumnsPage);
    CHECK(w.columnsNote()->text().contains(QStringLiteral("patient_ref")));
    mapExtract(w);
    REQUIRE(w.preview()->rowCount() == 3);
    CHECK(w.preview()->horizontalHeaderItem(1)->text() == QStringLiteral("patient_ref"));
    CHECK(w.preview()->item(1, 2)->text() == QStringLiteral("2026-10-09"));

    w.next(); // the check runs by itself, on the worker
    REQUIRE(w.currentId() == ui::ImportWizard::RunPage);
    const auto checked = waitForRun(w);
    CHECK(checked.checkedOnly);
    CHECK(checked.added == 3);
    CHECK(f.attendances() == 0); // a check writes nothing
    CHECK(w.importButton()->isEnabled());
    QTest::mouseClick(w.importButton(), Qt::LeftButton);
    const auto imported = waitForRun(w);
    CHECK(imported.ok);
    CHECK(f.attendances() == 3);
    CHECK(w.runStatus()->text().contains(QStringLiteral("3 new")));
    CHECK_FALSE(w.importButton()->isEnabled()); // once only

    // Next month's file, the same headings: the columns come back without asking; the same
    // episodes again change nothing.
    const QString next = f.write("extract-nov.csv", "E3,RX101,2026-10-20,gp,,,\nE4,RX101,2026-11-02,ae,,,\n");
    ui::ImportWizard again(f.db, f.manager);
    toColumns(again, next);
    CHECK(again.columnBox(QStringLiteral("attended_on"))->currentData().toString() == QStringLiteral("admission date"));
    CHECK(again.columnsNote()->text().contains(QStringLiteral("last file")));
    again.next();
    waitForRun(again);
    again.importButton()->click();
    const auto second = waitForRun(again);
    CHECK(second.added == 1);
    CHECK(second.unchanged == 1);
    CHECK(f.attendances() == 4);
}

TEST_CASE("Import wizard: a bad row is named by line and both columns, and is set aside only when asked")
{
    qRegisterMetaType<interchange::ImportSummary>();
    WizardFixture f;
    const QString path = f.write("extract.csv", "E1,RX100,2026-10-01,ae,,,\n"
                                                "E2,RX100,01/10/2026,ae,,,\n"
                                                "E3,RX999,2026-10-03,ae,,,\n");
    ui::ImportWizard w(f.db, f.manager);
    toColumns(w, path);
    mapExtract(w);
    w.next();
    const auto checked = waitForRun(w);
    CHECK(checked.rejected == 2);
    REQUIRE(w.problems()->count() >= 2);
    CHECK(w.problems()->item(0)->text().startsWith(QStringLiteral("line 3, column attended_on")));
    CHECK(w.problems()->item(0)->text().contains(QStringLiteral("(your column \"Admission Date\")"))); // as the file has it
    CHECK_FALSE(w.importButton()->isEnabled());
    w.setAsideBox()->setChecked(true);
    REQUIRE(w.importButton()->isEnabled());
    w.importButton()->click();
    const auto imported = waitForRun(w);
    CHECK(imported.ok);
    CHECK(f.attendances() == 1);
    QFile aside(w.rejectsEdit()->text());
    REQUIRE(aside.open(QIODevice::ReadOnly));
    CHECK(aside.readLine().startsWith("Episode ID,Hospital No,Admission Date")); // as the hospital wrote them
}

TEST_CASE("Import wizard: Cancel writes nothing, and a read-only user has nothing to import")
{
    qRegisterMetaType<interchange::ImportSummary>();
    WizardFixture f;
    QByteArray rows;
    for (int i = 0; i < 5000; ++i)
        rows += QStringLiteral("E%1,RX100,2026-10-01,ae,,,\n").arg(i).toUtf8();
    ui::ImportWizard w(f.db, f.manager);
    toColumns(w, f.write("big.csv", rows));
    mapExtract(w);
    w.next();
    waitForRun(w);
    w.startImport();
    w.cancelRun();
    const auto cancelled = waitForRun(w);
    CHECK(cancelled.cancelled);
    CHECK(f.attendances() == 0);
    CHECK(w.runStatus()->text().contains(QStringLiteral("nothing was written")));

    const services::StampSource viewer(QStringLiteral("viewer"), [] { return QDateTime::currentDateTimeUtc(); },
                                       domain::Role::ReadOnly);
    CHECK(ui::ImportWizard::kindsFor(viewer).isEmpty());
}

TEST_CASE("Import wizard: the rows set aside never go over the extract itself, and closing during a run waits without blocking")
{
    qRegisterMetaType<interchange::ImportSummary>();
    WizardFixture f;
    const QString path = f.write("extract.csv", "E1,RX100,2026-10-01,ae,,,\nE2,RX100,01/10/2026,ae,,,\n");
    ui::ImportWizard w(f.db, f.manager);
    toColumns(w, path);
    mapExtract(w);
    w.next();
    waitForRun(w);
    w.setAsideBox()->setChecked(true);
    w.rejectsEdit()->setText(path); // the hospital's file itself
    w.importButton()->click();
    CHECK_FALSE(w.running());
    CHECK(w.runStatus()->text().startsWith(QStringLiteral("\u26A0")));
    QFile extract(path);
    REQUIRE(extract.open(QIODevice::ReadOnly));
    CHECK(extract.readAll().count('\n') == 3); // untouched
    CHECK(f.attendances() == 0);

    QByteArray rows;
    for (int i = 0; i < 5000; ++i)
        rows += QStringLiteral("B%1,RX100,2026-10-01,ae,,,\n").arg(i).toUtf8();
    ui::ImportWizard big(f.db, f.manager);
    big.show();
    toColumns(big, f.write("big.csv", rows));
    mapExtract(big);
    big.next();
    waitForRun(big);
    big.startImport();
    CHECK_FALSE(big.button(QWizard::FinishButton)->isEnabled()); // Done cannot drop a run half-way
    QSignalSpy stopped(&big, &ui::ImportWizard::runFinished);
    big.reject(); // Esc: returns at once
    CHECK(big.isVisible());
    REQUIRE(stopped.wait(30000));
    CHECK_FALSE(big.isVisible()); // closed once stopped
    CHECK(f.attendances() == 0);
}

TEST_CASE("Import wizard: an extract with day-first dates is read as such when the user says so, and remembered")
{
    qRegisterMetaType<interchange::ImportSummary>();
    WizardFixture f;
    const QString path = f.write("uk-dates.csv", "E1,RX100,09/10/2026,ae,,,\nE2,RX101,1/11/2026,gp,,,\n");
    ui::ImportWizard w(f.db, f.manager);
    toColumns(w, path);
    mapExtract(w);
    CHECK(w.dateFormatBox()->currentData().toBool()); // the first rows hold only day-first dates
    w.next();
    const auto checked = waitForRun(w);
    CHECK(checked.rejected == 0);
    w.importButton()->click();
    REQUIRE(waitForRun(w).ok);
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT attended_on FROM attendance ORDER BY attended_on")));
    QStringList days;
    while (q.next())
        days << q.value(0).toString();
    CHECK(days == QStringList{QStringLiteral("2026-10-09"), QStringLiteral("2026-11-01")}); // 9 October, not 10 September

    // Year-first next time would be guessed; the remembered choice wins for the same kind of file.
    ui::ImportWizard again(f.db, f.manager);
    toColumns(again, f.write("iso.csv", "E3,RX100,2026-10-20,ae,,,\n"));
    CHECK(again.dateFormatBox()->currentData().toBool());
    again.dateFormatBox()->setCurrentIndex(0); // the user says otherwise: ISO dates still read either way
    again.next();
    CHECK(waitForRun(again).rejected == 0);
}
