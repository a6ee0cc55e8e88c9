#pragma once
// Import a CSV file in the GUI (issue 10, item 1): a hospital's monthly attendance extract, or
// any kind of the interchange contract. Three steps: the file and what it holds; which of its
// columns is which of ours (guessed, and remembered for next month's file); then every row is
// checked and the file imported, both on a worker thread with progress and Cancel. Nothing is
// written until the whole file is accepted, unless the bad rows are set aside in a file.
#include "interchange/csvimport.h"
#include "services/actor.h"
#include "services/workspace.h"

#include <QWizard>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QThread;

namespace painmdt::ui {

class ImportWizard : public QWizard {
    Q_OBJECT
public:
    enum { FilePage, ColumnsPage, RunPage };

    ImportWizard(std::shared_ptr<services::Database> database, const services::StampSource &session,
                 QWidget *parent = nullptr);
    ~ImportWizard() override; // cancels a run in progress and waits for it

    // The kinds a user may import (the command line's --kind names).
    static QStringList kindsFor(const services::StampSource &session);
    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *fileEdit() const { return m_file; }
    QComboBox *columnBox(const QString &ours) const; // the file column chosen for one of ours
    QTableWidget *preview() const { return m_preview; }
    QLabel *columnsNote() const { return m_columnsNote; }
    QComboBox *dateFormatBox() const { return m_dates; } // data: true for DD/MM/YYYY
    QListWidget *problems() const { return m_problems; }
    QLabel *runStatus() const { return m_status; }
    QPushButton *importButton() const { return m_import; }
    QCheckBox *setAsideBox() const { return m_setAside; }
    QLineEdit *rejectsEdit() const { return m_rejects; }
    bool running() const { return m_thread != nullptr; }

    // The file column -> ours, as chosen on the columns page.
    QHash<QString, QString> columnMap() const;
    void startCheck();  // every row, nothing kept (on entering the last page)
    void startImport();
    void cancelRun();

    bool validateCurrentPage() override;
    void initializePage(int id) override;
    void reject() override; // Esc or Close: a run is cancelled first

Q_SIGNALS:
    void runFinished(const interchange::ImportSummary &summary);

private:
    QWizardPage *makeFilePage();
    QWizardPage *makeColumnsPage();
    QWizardPage *makeRunPage();
    bool readHead(QString &problem); // the header and the first rows, for the columns page
    void buildColumns();
    void refreshPreview();
    void start(bool checkOnly);
    void finished(const interchange::ImportSummary &summary, bool checkOnly);
    void showProblems(const interchange::ImportSummary &summary);
    void rememberColumns() const;

    std::shared_ptr<services::Database> m_database;
    services::StampSource m_session;
    QComboBox *m_kind;
    QLineEdit *m_file;
    QFormLayout *m_columnsForm;
    QWidget *m_columnsHost;
    QLabel *m_columnsNote;
    QComboBox *m_dates;
    QTableWidget *m_preview;
    QListWidget *m_problems;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_import;
    QPushButton *m_cancel;
    QCheckBox *m_setAside;
    QLineEdit *m_rejects;
    QStringList m_header;                  // the file's, lower case
    QStringList m_written;                 // the same, as the file has them: what the user sees
    std::vector<QStringList> m_headRows;   // its first rows
    std::vector<interchange::ColumnSpec> m_ours;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    bool m_checked = false; // the last check found every row good
    bool m_imported = false;
    bool m_closeWhenStopped = false; // closed during a run: close once it has stopped
};

} // namespace painmdt::ui
