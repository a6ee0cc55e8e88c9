#pragma once
// The GP summary letter for the patient on screen (issue 10, item 5): the clinician adds a note,
// sees the letter as it prints (the patient banner heads every page), then saves it as a PDF or
// prints it. Every copy is audited before it is handed out; a typed note is kept as a draft
// until a copy is made.
#include "reporting/gpletter.h"
#include "services/actor.h"
#include "services/workspace.h"

#include <QDialog>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPrinter;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace painmdt::ui {

class FormDraft;
class PatientBanner;

class GpLetterDialog : public QDialog {
    Q_OBJECT
public:
    GpLetterDialog(std::shared_ptr<services::Database> database, const services::StampSource &session,
                   reporting::GpLetterFacts facts, QWidget *parent = nullptr);

    QPlainTextEdit *noteEdit() const { return m_note; }
    QTextBrowser *preview() const { return m_preview; }
    QLabel *status() const { return m_status; }
    PatientBanner *banner() const { return m_banner; }

    reporting::PrintedDocument document() const;
    Status saveTo(const QString &path); // checks the path, audits, writes the PDF
    Status printTo(QPrinter &printer);  // audits, then renders (print to file: the path is checked)

    void reject() override; // keeps a typed note as a draft

private:
    Status noteFits() const;
    void refresh();
    void save();
    void print();
    void saved(const Status &status, const QString &where);

    std::shared_ptr<services::Database> m_database;
    services::StampSource m_session;
    reporting::GpLetterFacts m_facts;
    PatientBanner *m_banner;
    QPlainTextEdit *m_note;
    QTextBrowser *m_preview;
    QLabel *m_status;
    QTimer *m_refresh;
    FormDraft *m_draft = nullptr;
};

} // namespace painmdt::ui
