// The GP summary letter (issue 10, item 5): Ctrl+Shift+G on a patient opens it with the focus in
// the note; the letter says each episode, the questionnaires from baseline to latest and the
// hospital attendances before and since the first contact; the saved PDF carries the patient
// banner on every page; every copy is audited; a typed note survives closing; a read-only user
// cannot write one.
#include "ui/uitestsupport.h"

#include "support/testsupport.h"

#include "reporting/gpletter.h"
#include "services/assessmentservice.h"
#include "services/attendanceservice.h"
#include "ui/gpletterdialog.h"
#include "ui/mainwindow.h"
#include "ui/patientbanner.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPrinter>
#include <QSqlQuery>
#include <QTest>
#include <QTextBrowser>

using namespace painmdt;
using test::must;

namespace {

struct LetterFixture : test::UiFixture {
    test::FixedToday fixedToday; // 21-Nov-2026
    domain::Patient jane;

    LetterFixture()
    {
        useReferrals();
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
        auto r = triage(refer(jane, "R1", QDate(2026, 1, 5)), "community_physio",
                        domain::answersFromText(QStringLiteral("1;1;1;1;0;0;0;0;1"))); // Medium
        r.keyWorker = QStringLiteral("a.okoro");
        REQUIRE(referrals->update(r).ok());
        contact(r.id, QDate(2026, 2, 1), "attended", QDate(2026, 3, 1));
        contact(r.id, QDate(2026, 3, 1), "dna", QDate(2026, 3, 8));
        phq9("assessment", QDate(2026, 2, 1), "3;3;3;3;3;0;0;0;0");  // 15
        phq9("review", QDate(2026, 6, 1), "1;1;1;1;1;0;0;0;0");      // 5
        services::AttendanceService attendances(*db, test::adminSession());
        for (const auto &[on, setting] : {std::pair{QDate(2025, 6, 1), "ae"}, std::pair{QDate(2025, 12, 1), "ae"},
                                          std::pair{QDate(2026, 7, 1), "gp"}}) {
            domain::Attendance a;
            a.patientId = jane.id;
            a.attendedOn = on;
            a.setting = QString::fromLatin1(setting);
            REQUIRE(attendances.add(a).ok());
        }
    }
    void contact(qint64 referral, QDate on, const char *outcome, QDate next)
    {
        domain::Contact c;
        c.referralId = referral;
        c.contactOn = on;
        c.mode = QStringLiteral("phone");
        c.outcome = QString::fromLatin1(outcome);
        c.nextDueOn = next;
        REQUIRE(referrals->addContact(c).ok());
    }
    void phq9(const char *occasion, QDate on, const char *answers)
    {
        domain::Assessment a;
        a.patientId = jane.id;
        a.instrument = QStringLiteral("phq9");
        a.occasion = QString::fromLatin1(occasion);
        a.collectedOn = on;
        a.answers = domain::answersFromText(QString::fromLatin1(answers));
        REQUIRE(referrals->assessments().add(a).ok());
    }
    int lettersAudited()
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'letter' AND action = 'report' "
                                      "AND patient_id = %1").arg(jane.id)));
        REQUIRE(q.next());
        return q.value(0).toInt();
    }
    ui::GpLetterDialog *openLetter(ui::MainWindow &window)
    {
        window.openPatient(jane.id);
        QApplication::setActiveWindow(&window); // a dialog closed before may have left no window active
        QTest::keyClick(&window, Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
        auto *dialog = window.findChild<ui::GpLetterDialog *>();
        REQUIRE(dialog != nullptr);
        REQUIRE(QTest::qWaitForWindowExposed(dialog));
        return dialog;
    }
};

} // namespace

TEST_CASE("GP letter: Ctrl+Shift+G opens it on the patient, the note first, the letter says the episode, scores and hospital use")
{
    LetterFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    ui::GpLetterDialog *dialog = f.openLetter(window);
    CHECK(dialog->noteEdit()->hasFocus());
    CHECK(dialog->banner()->isVisible());
    CHECK(test::unnamedFocusables(dialog).isEmpty());
    const QString letter = dialog->preview()->toPlainText();
    for (const char *expected : {"Summary for the GP", "Referral of 05-Jan-2026", "Community physio", "Medium",
                                 "1 attended, 1 did not attend", "08-Mar-2026", "a.okoro", "still under the team", "PHQ-9",
                                 "15 (Moderately severe) on 01-Feb-2026", "5 (Mild) on 01-Jun-2026", "-10", "Yes",
                                 "12 months before first seen (01-Feb-2026)", "No note added."}) {
        INFO(expected);
        CHECK(letter.contains(QLatin1String(expected)));
    }
    QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Please continue the current plan."));
    QTest::qWait(400); // the preview follows the note
    CHECK(dialog->preview()->toPlainText().contains(QStringLiteral("Please continue the current plan.")));
    dialog->reject();
}

TEST_CASE("GP letter: the saved PDF has the patient banner on every page, and each copy is audited first")
{
    LetterFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    ui::GpLetterDialog *dialog = f.openLetter(window);
    QString note;
    for (int i = 0; i < 80; ++i) // a long note: the letter runs onto more pages
        note += QStringLiteral("Line %1 of the plan agreed with the patient.\n").arg(i + 1);
    dialog->noteEdit()->setPlainText(note);
    const QString pdf = f.dir.filePath(QStringLiteral("letter.pdf"));
    REQUIRE(dialog->saveTo(pdf).ok());
    CHECK(f.lettersAudited() == 1);
    const QStringList pages = test::pdfText(pdf).split(QLatin1Char('\f'), Qt::SkipEmptyParts);
    REQUIRE(pages.size() >= 3);
    for (const QString &page : pages) {
        if (page.trimmed().isEmpty())
            continue;
        INFO(page.toStdString());
        CHECK(page.contains(QStringLiteral("SMITH, Jane")));
        CHECK(page.contains(QStringLiteral("NHS No. 999 000 0018")));
        CHECK(page.contains(QStringLiteral("Gender Female")));
        CHECK(page.contains(QStringLiteral("Printed by")));
    }
    CHECK(!dialog->saveTo(f.db->location()).ok()); // never over the database
    CHECK(f.lettersAudited() == 1);

    QPrinter printer(QPrinter::HighResolution); // the print path, on a PDF printer
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(f.dir.filePath(QStringLiteral("printed.pdf")));
    REQUIRE(dialog->printTo(printer).ok());
    CHECK(f.lettersAudited() == 2);
    CHECK(test::pdfText(printer.outputFileName()).contains(QStringLiteral("NHS No. 999 000 0018")));

    dialog->noteEdit()->setPlainText(QString(30000, QLatin1Char('x'))); // past free text's 20,000: refused, nothing written
    CHECK_FALSE(dialog->saveTo(f.dir.filePath(QStringLiteral("long.pdf"))).ok());
    CHECK_FALSE(QFile::exists(f.dir.filePath(QStringLiteral("long.pdf"))));
    CHECK(f.lettersAudited() == 2);
    dialog->reject();
}

TEST_CASE("GP letter: a note typed and closed is there next time, a read-only user cannot write a letter")
{
    LetterFixture f;
    {
        ui::MainWindow window(f.db, test::adminSession());
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        ui::GpLetterDialog *dialog = f.openLetter(window);
        QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Review in the spring."));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the closed one is gone
        ui::GpLetterDialog *again = f.openLetter(window);
        CHECK(again->noteEdit()->toPlainText() == QStringLiteral("Review in the spring."));
        again->reject();
    }
    const services::StampSource viewer(QStringLiteral("viewer"), [] { return QDateTime::currentDateTimeUtc(); },
                                       domain::Role::ReadOnly);
    ui::MainWindow window(f.db, viewer);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.openPatient(f.jane.id);
    QTest::keyClick(&window, Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(window.findChild<ui::GpLetterDialog *>() == nullptr);
    CHECK_FALSE(reporting::recordLetterUse(*f.db, viewer, f.jane.id, QStringLiteral("pdf")).ok());
}
