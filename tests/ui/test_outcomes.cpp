// Outcome measures on screen (issue 9): any instrument's form from its definition, saved with its
// score; nothing answered is refused unless returned blank; a correction saves a new version with
// a reason and keeps the old; the patient's view pairs baseline and latest, and draws a chart
// with the baseline marked, under the offscreen platform.
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/definitionsdialog.h"
#include "ui/patientoutcomes.h"
#include "ui/questionnairedialog.h"
#include "ui/startbackform.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTest>

using namespace painmdt;
using test::must;

namespace {

struct OutcomesFixture : test::UiFixture {
    test::FixedToday fixedToday;
    domain::Patient jane;

    OutcomesFixture()
    {
        useReferrals();
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    }
    services::AssessmentService &assessments() { return referrals->assessments(); }
    const domain::InstrumentDefinition &phq9() { return *assessments().instrument(QStringLiteral("phq9")); }
    domain::Assessment save(const char *occasion, QDate on, const char *answers)
    {
        domain::Assessment a;
        a.patientId = jane.id;
        a.instrument = QStringLiteral("phq9");
        a.occasion = QString::fromLatin1(occasion);
        a.collectedOn = on;
        a.answers = domain::answersFromText(QString::fromLatin1(answers));
        const auto saved = assessments().add(a);
        REQUIRE(saved.ok());
        return *saved.value;
    }
};

} // namespace

TEST_CASE("a PHQ-9 recorded in its form is saved with its score, and its item 9 raises the alert", "[ui][outcomes]")
{
    OutcomesFixture f;
    ui::QuestionnaireDialog dialog(f.assessments(), f.phq9(), f.jane, 0);
    dialog.form()->setAnswers(domain::answersFromText(QStringLiteral("2;2;1;1;1;1;1;1;1")));
    CHECK(dialog.findChild<QLabel *>(QStringLiteral("startBackSummary"))->text().contains(QStringLiteral("Moderate")));
    dialog.occasionBox()->setCurrentIndex(dialog.occasionBox()->findData(QStringLiteral("assessment")));
    dialog.accept();
    REQUIRE(dialog.result() == QDialog::Accepted);
    CHECK(dialog.saved().result.value(QStringLiteral("total")) == std::optional<double>(11));
    CHECK(dialog.saved().occasion == QStringLiteral("assessment"));
    CHECK(dialog.saved().collectedOn == QDate(2026, 11, 21));
    CHECK(must(f.assessments().alerts(f.jane.id, true)).size() == 1);
}

TEST_CASE("a questionnaire with nothing answered is refused unless it came back blank", "[ui][outcomes]")
{
    OutcomesFixture f;
    ui::QuestionnaireDialog empty(f.assessments(), f.phq9(), f.jane, 0);
    empty.accept();
    CHECK(empty.result() != QDialog::Accepted);
    CHECK(empty.errorLabel()->text().contains(QStringLiteral("Returned blank")));
    empty.blankBox()->setChecked(true);
    empty.accept();
    REQUIRE(empty.result() == QDialog::Accepted);
    CHECK_FALSE(empty.saved().result.complete); // stored, never scored
    CHECK(domain::formatAnswers(empty.saved().answers) == QStringLiteral(";;;;;;;;"));
}

TEST_CASE("a correction saves a new version with its reason and keeps the old one out of the lists", "[ui][outcomes]")
{
    OutcomesFixture f;
    const auto old = f.save("assessment", QDate(2026, 10, 1), "1;1;1;1;1;1;1;1;0");
    ui::QuestionnaireDialog dialog(f.assessments(), f.phq9(), f.jane, 0, old);
    dialog.form()->setAnswers(domain::answersFromText(QStringLiteral("1;1;1;1;1;1;1;2;0")));
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted); // the reason is required
    dialog.reasonEdit()->setText(QStringLiteral("Item 8 misread from the paper form"));
    dialog.accept();
    REQUIRE(dialog.result() == QDialog::Accepted);
    const auto live = must(f.assessments().forPatient(f.jane.id));
    REQUIRE(live.size() == 1);
    CHECK(live.front().result.value(QStringLiteral("total")) == std::optional<double>(9));
    CHECK(live.front().collectedOn == QDate(2026, 10, 1));
    CHECK(must(f.assessments().byId(old.id))->enteredInError == QStringLiteral("Corrected: Item 8 misread from the paper form"));
    CHECK(live.front().instrumentVersion == old.instrumentVersion); // scored by the version it was scored with
    CHECK(live.front().occasion == old.occasion);
}

TEST_CASE("the patient's outcomes pair baseline and latest and chart the course with the baseline marked", "[ui][outcomes]")
{
    OutcomesFixture f;
    f.save("assessment", QDate(2026, 6, 1), "3;3;3;3;3;0;0;0;0"); // 15
    f.save("review", QDate(2026, 8, 1), "2;2;2;2;0;0;0;0;0");     // 8
    f.save("discharge", QDate(2026, 10, 1), "1;1;1;1;1;0;0;0;0"); // 5
    ui::PatientOutcomes view(*f.referrals);
    view.resize(900, 700);
    view.setPatient(f.jane);
    view.show();
    REQUIRE(view.summaryTable()->rowCount() == 1);
    CHECK(view.summaryTable()->item(0, 0)->text() == QStringLiteral("PHQ-9"));
    CHECK(view.summaryTable()->item(0, 1)->text().startsWith(QStringLiteral("15 Moderately severe on 01-Jun-2026")));
    CHECK(view.summaryTable()->item(0, 2)->text().startsWith(QStringLiteral("5 Mild on 01-Oct-2026")));
    CHECK(view.summaryTable()->item(0, 3)->text() == QStringLiteral("-10"));
    CHECK(view.summaryTable()->item(0, 4)->text() == QStringLiteral("Yes"));
    CHECK(view.historyTable()->rowCount() == 3);
    REQUIRE(view.chartCount() == 1);
    QWidget *chart = view.chart(0);
    CHECK(chart->accessibleDescription().contains(QStringLiteral("Baseline 15 on 01-Jun-2026")));
    CHECK(chart->accessibleDescription().contains(QStringLiteral("latest 5 on 01-Oct-2026")));
    const QImage picture = chart->grab().toImage();
    CHECK_FALSE(picture.isNull());
    CHECK(picture.width() > 100);
}

TEST_CASE("with no questionnaires the outcomes say how to record one", "[ui][outcomes]")
{
    OutcomesFixture f;
    ui::PatientOutcomes view(*f.referrals);
    view.setPatient(f.jane);
    CHECK(view.messageLabel()->text().contains(QStringLiteral("Ctrl+M")));
    CHECK(view.chartCount() == 0);
}

TEST_CASE("the FFT's answer by its key moves on to the free-text question, both are saved and shown in the history",
          "[ui][outcomes][freetext]")
{
    OutcomesFixture f;
    const auto &fft = *f.assessments().instrument(QStringLiteral("fft"));
    ui::QuestionnaireDialog dialog(f.assessments(), fft, f.jane, 0);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QPlainTextEdit *why = dialog.freeTextEdit(QStringLiteral("why"));
    REQUIRE(why != nullptr);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_2); // "Good", and on to the question
    CHECK(QApplication::focusWidget() == why);
    QTest::keyClicks(why, QStringLiteral("Rang back when they said they would."));
    QTest::keyClick(why, Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(dialog.result() == QDialog::Accepted);
    CHECK(dialog.saved().result.band == QStringLiteral("Positive"));
    CHECK(dialog.saved().freeText.at(QStringLiteral("why")) == QStringLiteral("Rang back when they said they would."));

    ui::PatientOutcomes view(*f.referrals);
    view.setPatient(f.jane);
    REQUIRE(view.historyTable()->rowCount() == 1);
    CHECK(view.historyTable()->item(0, 5)->text() == QStringLiteral("Rang back when they said they would."));

    // Only words, no answer: saved as the patient wrote them, the item unanswered.
    ui::QuestionnaireDialog wordsOnly(f.assessments(), fft, f.jane, 0);
    wordsOnly.freeTextEdit(QStringLiteral("why"))->setPlainText(QStringLiteral("Did not want to tick a box."));
    wordsOnly.accept();
    REQUIRE(wordsOnly.result() == QDialog::Accepted);
    CHECK_FALSE(wordsOnly.saved().result.complete);
}

TEST_CASE("the questionnaire definitions screen lists every version with its origin, alerts, source and free-text questions",
          "[ui][outcomes][definitions]")
{
    OutcomesFixture f;
    const QByteArray pain = R"({"code": "worst_pain", "name": "Worst pain this week", "version": "2", "scoring_version": "wp-2",
        "better": "lower", "source": "Our service's own form", "items": [{"id": "q1", "text": "Worst pain",
        "options": [{"code": 0, "label": "None"}, {"code": 10, "label": "Worst"}]}],
        "scores": [{"id": "total", "label": "Worst", "method": "sum", "items": ["q1"]}]})";
    REQUIRE(f.assessments().importDefinition(pain).ok());
    ui::DefinitionsDialog dialog(f.assessments());
    QTableWidget *table = dialog.table();
    REQUIRE(table->rowCount() == 7); // six built in and the imported one
    int imported = -1, fft = -1, phq9 = -1;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString code = table->item(row, ui::DefinitionsDialog::CodeColumn)->text();
        imported = code == QStringLiteral("worst_pain") ? row : imported;
        fft = code == QStringLiteral("fft") ? row : fft;
        phq9 = code == QStringLiteral("phq9") ? row : phq9;
    }
    REQUIRE(imported >= 0);
    CHECK(table->item(imported, ui::DefinitionsDialog::OriginColumn)->text().startsWith(
        QStringLiteral("Imported by ")));
    CHECK(table->item(imported, ui::DefinitionsDialog::VersionColumn)->text() == QStringLiteral("2"));
    CHECK(table->item(phq9, ui::DefinitionsDialog::AlertsColumn)->text() == QStringLiteral("self_harm (item q9 above 0 or blank)"));
    CHECK(table->item(fft, ui::DefinitionsDialog::OriginColumn)->text() == QStringLiteral("Built in"));
    table->setCurrentCell(imported, 0);
    CHECK(dialog.detailLabel()->text().contains(QStringLiteral("Source: Our service's own form")));
    table->setCurrentCell(fft, 0);
    CHECK(dialog.detailLabel()->text().contains(QStringLiteral("Please can you tell us why you gave your answer?")));
}
