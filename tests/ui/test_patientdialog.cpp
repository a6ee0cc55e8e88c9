// Registering and editing a patient with the keyboard; inline messages, never a modal box.
#include "ui/uitestsupport.h"

#include "domain/clinicaldate.h"
#include "ui/patientdialog.h"
#include "ui_patientdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace painmdt;
using test::must;

namespace {

// Tab from field to field as a user would, typing into each.
void typeForm(ui::PatientDialog &dialog, const QStringList &values)
{
    for (const QString &value : values) {
        QWidget *field = QApplication::focusWidget();
        REQUIRE(field);
        if (!value.isEmpty())
            QTest::keyClicks(field, value);
        QTest::keyClick(field, Qt::Key_Tab);
    }
    Q_UNUSED(dialog);
}

} // namespace

TEST_CASE("a patient is registered from the keyboard in form order")
{
    test::UiFixture f;
    ui::PatientDialog dialog(*f.service, domain::Patient{});
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    REQUIRE(QTest::qWaitForWindowActive(&dialog));
    REQUIRE(QApplication::focusWidget() == dialog.form().familyNameEdit);
    // family, given, born, sex (F selects Female), NHS No., ref, postcode
    typeForm(dialog, {QStringLiteral("Okafor"), QStringLiteral("Grace"), QStringLiteral("12/03/1960"),
                      QStringLiteral("F"), QStringLiteral("999 000 0018"), QString(), QStringLiteral("nw12bu")});
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    REQUIRE(dialog.result() == QDialog::Accepted);
    const domain::Patient saved = dialog.saved();
    CHECK(saved.familyName == QStringLiteral("Okafor"));
    CHECK(saved.dateOfBirth == QDate(1960, 3, 12));
    CHECK(saved.sex == domain::Sex::Female);
    CHECK(saved.nhsNumber == QStringLiteral("9990000018"));
    CHECK(saved.postcode == QStringLiteral("NW1 2BU"));
    CHECK(saved.patientRef.startsWith(QStringLiteral("PM")));
    CHECK(must(f.service->byId(saved.id)).has_value());
}

TEST_CASE("bad fields get inline messages and nothing is saved")
{
    test::UiFixture f;
    ui::PatientDialog dialog(*f.service, domain::Patient{});
    dialog.show();
    auto &form = dialog.form();
    form.familyNameEdit->setText(QStringLiteral("Okafor"));
    form.givenNameEdit->setText(QStringLiteral("Grace"));
    form.dateOfBirthEdit->setText(QStringLiteral("12/03/60"));
    form.nhsNumberEdit->setText(QStringLiteral("999 000 0017"));
    form.postcodeEdit->setText(QStringLiteral("NW1"));
    dialog.accept();
    CHECK(dialog.isVisible());
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(form.dateOfBirthMessage->text().contains(QStringLiteral("four digits")));
    CHECK(form.nhsNumberMessage->text().contains(QStringLiteral("check digit")));
    CHECK(form.postcodeMessage->text().contains(QStringLiteral("not a UK postcode")));
    CHECK(dialog.focusWidget() == form.dateOfBirthEdit); // the first problem in form order
    CHECK(must(f.service->count({})) == 0);
}

TEST_CASE("the date field echoes the date it understood")
{
    test::UiFixture f;
    ui::PatientDialog dialog(*f.service, domain::Patient{});
    dialog.form().dateOfBirthEdit->setText(QStringLiteral("1960-09-05"));
    CHECK(dialog.form().dateOfBirthMessage->text() == QStringLiteral("= 05-Sep-1960"));
}

TEST_CASE("same name and date of birth warns and offers the existing record")
{
    test::UiFixture f;
    const auto existing = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    ui::PatientDialog dialog(*f.service, domain::Patient{});
    dialog.show();
    auto &form = dialog.form();
    form.familyNameEdit->setText(QStringLiteral("smith"));
    form.givenNameEdit->setText(QStringLiteral("jane"));
    form.dateOfBirthEdit->setText(QStringLiteral("12-Mar-1960"));
    dialog.accept();
    CHECK(form.duplicateFrame->isVisible());
    CHECK(form.duplicateMessage->text().contains(QStringLiteral("999 000 0018")));
    CHECK(must(f.service->count({})) == 1);

    SECTION("Open existing record returns its id")
    {
        QTest::mouseClick(form.openExistingButton, Qt::LeftButton);
        CHECK(dialog.existingChosen() == existing.id);
        CHECK(must(f.service->count({})) == 1);
    }
    SECTION("saving again registers a different person")
    {
        CHECK(form.buttonBox->button(QDialogButtonBox::Save)->text() == QStringLiteral("Register anyway"));
        dialog.accept();
        CHECK(dialog.result() == QDialog::Accepted);
        CHECK(must(f.service->count({})) == 2);
    }
}

TEST_CASE("a second patient with the same NHS number is refused inline")
{
    test::UiFixture f;
    f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    ui::PatientDialog dialog(*f.service, domain::Patient{});
    auto &form = dialog.form();
    form.familyNameEdit->setText(QStringLiteral("Jones"));
    form.givenNameEdit->setText(QStringLiteral("Ann"));
    form.dateOfBirthEdit->setText(QStringLiteral("01/01/1970"));
    form.nhsNumberEdit->setText(QStringLiteral("9990000018"));
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(form.nhsNumberMessage->text().contains(QStringLiteral("already has this NHS number")));
}

TEST_CASE("editing loads the record and saves the change")
{
    test::UiFixture f;
    const auto p = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    ui::PatientDialog dialog(*f.service, p);
    auto &form = dialog.form();
    CHECK(form.nhsNumberEdit->text() == QStringLiteral("999 000 0018"));
    CHECK(form.dateOfBirthEdit->text() == QStringLiteral("12-Mar-1960"));
    form.postcodeEdit->setText(QStringLiteral("rg1 1aa"));
    dialog.accept();
    REQUIRE(dialog.result() == QDialog::Accepted);
    CHECK(must(f.service->byId(p.id))->postcode == QStringLiteral("RG1 1AA"));
    CHECK(must(f.service->byId(p.id))->rowVersion == 2);
}
