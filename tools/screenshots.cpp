// Drives the real windows through the steps the user guide describes and saves each as a PNG,
// so the guide's pictures are never staged by hand: painmdt_screenshots DB OUTDIR
#include "storage/database.h"
#include "ui/mainwindow.h"
#include "ui/patientdialog.h"
#include "ui/patientlistmodel.h"
#include "ui/patientlistpage.h"
#include "services/patientservice.h"
#include "ui_patientdialog.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QStyleFactory>
#include <QTest>
#include <QTimer>

using namespace painmdt;

namespace {

void save(QWidget *w, const QString &dir, const char *name)
{
    QCoreApplication::processEvents();
    w->grab().save(QDir(dir).filePath(QString::fromLatin1(name)));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette palette = app.palette();
    palette.setColor(QPalette::Highlight, QColor(0x00, 0x5E, 0xB8));
    app.setPalette(palette);
    if (argc < 3)
        return 2;
    const QString out = QString::fromLocal8Bit(argv[2]);
    QDir().mkpath(out);
    auto db = storage::Database::open(QString::fromLocal8Bit(argv[1]));
    if (!db)
        return 1;

    ui::MainWindow window(db.value());
    window.resize(1200, 700);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QTest::keyClicks(window.patientList()->searchBox(), QStringLiteral("smith 1960"));
    save(&window, out, "patient-search.png");

    window.openPatient(window.patientList()->model()->index(0, 0).data(ui::PatientListModel::PatientIdRole).toLongLong());
    save(&window, out, "patient-view.png");

    services::PatientService service(*db.value());
    ui::PatientDialog dialog(service, domain::Patient{});
    dialog.show();
    auto &form = dialog.form();
    form.familyNameEdit->setText(QStringLiteral("Okafor"));
    form.givenNameEdit->setText(QStringLiteral("Grace"));
    form.dateOfBirthEdit->setText(QStringLiteral("12/03/60"));
    form.nhsNumberEdit->setText(QStringLiteral("999 000 0017"));
    form.postcodeEdit->setText(QStringLiteral("nw1"));
    dialog.accept(); // shows the inline messages
    save(&dialog, out, "patient-dialog-errors.png");
    return 0;
}
