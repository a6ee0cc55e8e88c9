#include "ui/gpletterdialog.h"

#include "domain/textrules.h"
#include "interchange/outputfile.h"
#include "services/workspace.h"
#include "ui/drafts.h"
#include "ui/patientbanner.h"
#include "ui/printcopy.h"
#include "ui/clinicaldateedit.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace painmdt::ui {

GpLetterDialog::GpLetterDialog(std::shared_ptr<services::Database> database, const services::StampSource &session,
                               reporting::GpLetterFacts facts, QWidget *parent)
    : QDialog(parent), m_database(std::move(database)), m_session(session), m_facts(std::move(facts)),
      m_banner(new PatientBanner(this)), m_note(new QPlainTextEdit(this)), m_preview(new QTextBrowser(this)),
      m_status(new QLabel(this)), m_refresh(new QTimer(this))
{
    setWindowTitle(tr("GP summary letter"));
    resize(860, 760);
    m_banner->setPatient(m_facts.patient, ClinicalDateEdit::today());
    m_note->setObjectName(QStringLiteral("gpNoteEdit"));
    m_note->setAccessibleName(tr("Note for the GP"));
    m_note->setTabChangesFocus(true);
    m_note->setMaximumHeight(120);
    auto *noteLabel = new QLabel(tr("&Note for the GP (what you want them to read: the plan, what to watch for):"), this);
    noteLabel->setBuddy(m_note);
    m_preview->setObjectName(QStringLiteral("gpLetterPreview"));
    m_preview->setAccessibleName(tr("The letter as it prints"));
    m_preview->document()->setDefaultStyleSheet(reporting::documentStyleSheet());
    m_status->setObjectName(QStringLiteral("gpLetterStatus"));
    m_status->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *save = buttons->addButton(tr("&Save as PDF\u2026"), QDialogButtonBox::ActionRole);
    QPushButton *print = buttons->addButton(tr("P&rint\u2026"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    save->setToolTip(tr("Save as PDF (Ctrl+S)"));
    print->setToolTip(tr("Print (Ctrl+P)"));
    connect(save, &QPushButton::clicked, this, &GpLetterDialog::save);
    connect(print, &QPushButton::clicked, this, &GpLetterDialog::print);
    connect(new QShortcut(QKeySequence::Save, this), &QShortcut::activated, this, &GpLetterDialog::save);
    connect(new QShortcut(QKeySequence::Print, this), &QShortcut::activated, this, &GpLetterDialog::print);
    connect(buttons, &QDialogButtonBox::rejected, this, &GpLetterDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(noteLabel);
    layout->addWidget(m_note);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    // The preview follows the note a moment after typing stops (a letter lays out in milliseconds).
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(300);
    connect(m_refresh, &QTimer::timeout, this, &GpLetterDialog::refresh);
    connect(m_note, &QPlainTextEdit::textChanged, m_refresh, qOverload<>(&QTimer::start));
    m_draft = new FormDraft(this, QStringLiteral("gpletter/patient/%1").arg(m_facts.patient.id));
    m_draft->offerIn(m_status, tr("note"));
    refresh();
    m_note->setFocus();
}

reporting::PrintedDocument GpLetterDialog::document() const
{
    auto doc = reporting::gpLetter(m_facts, m_note->toPlainText(), ClinicalDateEdit::today());
    doc.printedBy = m_session.actor();
    doc.printedAt = QDateTime::currentDateTime();
    return doc;
}

void GpLetterDialog::refresh()
{
    if (Status fits = noteFits(); !fits)
        return m_status->setText(QStringLiteral("\u26A0 ") + fits.error());
    m_preview->setHtml(reporting::documentHtml(document()));
}

// The note is free text like any other (domain/textrules.h): a 50 MB paste is refused, not laid out.
Status GpLetterDialog::noteFits() const
{
    const QString problem = domain::textProblem(m_note->toPlainText(), domain::TextKind::FreeText, tr("The note"));
    return problem.isEmpty() ? success() : Status(Error{problem});
}

Status GpLetterDialog::saveTo(const QString &path)
{
    if (Status fits = noteFits(); !fits)
        return fits;
    if (Status safe = interchange::checkOutputPath(tr("The file"), path, interchange::databaseFiles(m_database->location()));
        !safe)
        return safe;
    const auto pdf = reporting::toPdf(document());
    if (!pdf)
        return pdf.failure();
    if (Status recorded = reporting::recordLetterUse(*m_database, m_session, m_facts.patient.id, QStringLiteral("pdf")); !recorded)
        return recorded; // a letter nobody can trace is not handed out
    return interchange::writeWholeFile(path, pdf.value());
}

Status GpLetterDialog::printTo(QPrinter &printer)
{
    if (Status fits = noteFits(); !fits)
        return fits;
    return printCopy(printer, document(), interchange::databaseFiles(m_database->location()), [&](const QString &format) {
        return reporting::recordLetterUse(*m_database, m_session, m_facts.patient.id, format);
    });
}

void GpLetterDialog::save()
{
    const QString suggested = tr("gp-summary-%1.pdf").arg(m_facts.patient.patientRef);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the GP letter as PDF"), suggested, tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        saved(saveTo(path), QDir::toNativeSeparators(path));
}

void GpLetterDialog::print()
{
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print the GP letter"));
    if (dialog.exec() == QDialog::Accepted)
        saved(printTo(printer), printer.printerName().isEmpty() ? printer.outputFileName() : printer.printerName());
}

void GpLetterDialog::saved(const Status &status, const QString &where)
{
    if (!status)
        return m_status->setText(tr("\u26A0 Not saved or printed: %1").arg(status.error()));
    m_draft->done(); // the note went out with the letter; what is typed after it is kept anew
    m_draft->deleteLater();
    m_draft = new FormDraft(this, QStringLiteral("gpletter/patient/%1").arg(m_facts.patient.id));
    m_status->setText(tr("Sent to %1. It identifies the patient: keep it where patient records may be kept.").arg(where));
}

void GpLetterDialog::reject()
{
    m_draft->flush();
    QDialog::reject();
}

} // namespace painmdt::ui
