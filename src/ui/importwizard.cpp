#include "ui/importwizard.h"

#include "interchange/csvreader.h"
#include "interchange/importkinds.h"
#include "interchange/outputfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace painmdt::ui {

using interchange::ImportSummary;

namespace {

constexpr int previewRows = 20;
constexpr int maxProblemsShown = 1000;
constexpr qsizetype maxColumns = 1000; // a header wider than any extract: not a CSV file we can help with
constexpr qint64 headBytes = 256 * 1024; // enough for the header and the first rows of any extract

QString settingsKey(const QString &kind) { return QStringLiteral("import/columns/%1").arg(kind); }

// "Attendance Date" and "attendance_date" are the same column to a person.
QString simplified(const QString &name)
{
    QString s;
    for (const QChar c : name)
        if (c.isLetterOrNumber())
            s += c.toLower();
    return s;
}

// The file's column for one of ours: last time's choice, else the same name, else the same letters.
QString guess(const QString &ours, const QStringList &header, const QVariantMap &remembered)
{
    if (const QString kept = remembered.value(ours).toString(); header.contains(kept))
        return kept;
    if (header.contains(ours))
        return ours;
    for (const QString &name : header)
        if (simplified(name) == simplified(ours))
            return name;
    return {};
}

// Runs the import (or the check) on its own connection, off the GUI thread.
ImportSummary runImport(const QString &location, const services::StampSource &session, const QString &kind,
                        const QString &path, interchange::ImportOptions options)
{
    ImportSummary failed;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        failed.error = QObject::tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return failed;
    }
    if (file.size() > interchange::maxCsvBytes) {
        failed.error = QObject::tr("The file is larger than 512 MB: split it by month.");
        return failed;
    }
    const QByteArray bytes = file.readAll();
    const auto db = services::openDatabase(location, services::OpenMode::MustExist);
    if (!db) {
        failed.error = db.error();
        return failed;
    }
    auto importing = interchange::importSession(kind, *db.value(), session);
    return interchange::importCsv(*db.value(), importing->importer(), bytes, options);
}

// The file's own way of writing dates, remembered with its columns.
const QString dayFirstKey = QStringLiteral("\x01day_first");

// A first guess for a new kind of file: its first rows hold dates like 01/04/2026 and none like
// 2026-04-01. The user sees the rows and the choice before anything is read.
bool looksDayFirst(const std::vector<QStringList> &rows)
{
    static const QRegularExpression dayFirst(QStringLiteral("^\\d{1,2}/\\d{1,2}/\\d{4}$"));
    static const QRegularExpression yearFirst(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    bool seen = false;
    for (const QStringList &row : rows)
        for (const QString &cell : row) {
            if (yearFirst.match(cell.trimmed()).hasMatch())
                return false;
            seen = seen || dayFirst.match(cell.trimmed()).hasMatch();
        }
    return seen;
}

} // namespace

ImportWizard::ImportWizard(std::shared_ptr<services::Database> database, const services::StampSource &session, QWidget *parent)
    : QWizard(parent), m_database(std::move(database)), m_session(session),
      m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
    setWindowTitle(tr("Import a file"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, false);
    resize(900, 640);
    setPage(FilePage, makeFilePage());
    setPage(ColumnsPage, makeColumnsPage());
    setPage(RunPage, makeRunPage());
    setButtonText(QWizard::FinishButton, tr("&Done"));
}

ImportWizard::~ImportWizard()
{
    m_cancelled->store(true);
    if (m_thread)
        m_thread->wait(); // its answer is dropped: the wizard is going
}

QStringList ImportWizard::kindsFor(const services::StampSource &session)
{
    QStringList allowed;
    for (const QString &kind : interchange::rowImportKinds())
        if (session.may(interchange::importAction(kind)))
            allowed << kind;
    return allowed;
}

QWizardPage *ImportWizard::makeFilePage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Which file, and what does it hold?"));
    page->setSubTitle(tr("A CSV file (UTF-8), as a spreadsheet saves it. Its headings need not be ours: you match "
                         "them next."));
    m_kind = new QComboBox(page);
    m_kind->setObjectName(QStringLiteral("importKind"));
    m_kind->setAccessibleName(tr("What the file holds"));
    for (const QString &kind : kindsFor(m_session))
        m_kind->addItem(interchange::importKindLabel(kind), kind);
    if (const int at = m_kind->findData(QStringLiteral("attendances")); at >= 0)
        m_kind->setCurrentIndex(at); // the monthly extract is the usual file
    m_file = new QLineEdit(page);
    m_file->setObjectName(QStringLiteral("importFile"));
    m_file->setAccessibleName(tr("File"));
    auto *browse = new QPushButton(tr("&Browse\u2026"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose the file"), m_file->text(), tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            m_file->setText(QDir::toNativeSeparators(path));
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_file, 1);
    row->addWidget(browse);
    auto *form = new QFormLayout(page);
    auto *kindLabel = new QLabel(tr("&What it holds"), page);
    kindLabel->setBuddy(m_kind);
    auto *fileLabel = new QLabel(tr("&File"), page);
    fileLabel->setBuddy(m_file);
    form->addRow(kindLabel, m_kind);
    form->addRow(fileLabel, row);
    if (m_kind->count() == 0)
        form->addRow(new QLabel(tr("Your role may not import files. Ask a service manager or an administrator."), page));
    return page;
}

QWizardPage *ImportWizard::makeColumnsPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Which column is which?"));
    page->setSubTitle(tr("For each of PainMDT's columns, pick the file's column that holds it. Those marked * must be "
                         "in the file. PainMDT remembers your choice for the next file of this kind."));
    m_columnsHost = new QWidget(page);
    m_columnsForm = new QFormLayout(m_columnsHost);
    m_columnsNote = new QLabel(page);
    m_columnsNote->setObjectName(QStringLiteral("columnsNote"));
    m_columnsNote->setWordWrap(true);
    m_dates = new QComboBox(page);
    m_dates->setObjectName(QStringLiteral("importDates"));
    m_dates->setAccessibleName(tr("Dates in the file are written"));
    m_dates->addItem(tr("2026-04-01 (year first, as PainMDT writes them)"), false);
    m_dates->addItem(tr("01/04/2026 (day first, as in the UK)"), true);
    auto *datesLabel = new QLabel(tr("&Dates in the file are written"), page);
    datesLabel->setBuddy(m_dates);
    auto *dates = new QHBoxLayout;
    dates->addWidget(datesLabel);
    dates->addWidget(m_dates, 1);
    m_preview = new QTableWidget(page);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setAccessibleName(tr("The first rows as PainMDT will read them"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_columnsHost);
    layout->addLayout(dates);
    layout->addWidget(m_columnsNote);
    layout->addWidget(new QLabel(tr("The first rows as PainMDT will read them:"), page));
    layout->addWidget(m_preview, 1);
    return page;
}

QWizardPage *ImportWizard::makeRunPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Check, then import"));
    page->setSubTitle(tr("Every row is checked first; nothing is written until you import."));
    m_progress = new QProgressBar(page);
    m_progress->setAccessibleName(tr("Progress"));
    m_status = new QLabel(page);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_problems = new QListWidget(page);
    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_problems->setAccessibleName(tr("Problems found, by line"));
    m_setAside = new QCheckBox(tr("Import the good rows and &set the bad ones aside in:"), page);
    m_setAside->setObjectName(QStringLiteral("importSetAside"));
    m_rejects = new QLineEdit(page);
    m_rejects->setObjectName(QStringLiteral("importRejects"));
    m_rejects->setAccessibleName(tr("File for the rows set aside"));
    m_import = new QPushButton(tr("&Import"), page);
    m_import->setObjectName(QStringLiteral("importRun"));
    m_cancel = new QPushButton(tr("Ca&ncel the run"), page);
    connect(m_import, &QPushButton::clicked, this, &ImportWizard::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &ImportWizard::cancelRun);
    connect(m_setAside, &QCheckBox::toggled, this, [this](bool on) {
        m_rejects->setEnabled(on);
        m_import->setEnabled(!running() && !m_imported && (m_checked || on));
    });
    auto *aside = new QHBoxLayout;
    aside->addWidget(m_setAside);
    aside->addWidget(m_rejects, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_import);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_problems, 1);
    layout->addLayout(aside);
    layout->addLayout(buttons);
    return page;
}

bool ImportWizard::readHead(QString &problem)
{
    QFile file(QDir::fromNativeSeparators(m_file->text().trimmed()));
    if (m_file->text().trimmed().isEmpty() || !file.open(QIODevice::ReadOnly)) {
        problem = m_file->text().trimmed().isEmpty() ? tr("Choose a file first (Browse\u2026).")
                                                     : tr("The file cannot be read: %1.").arg(file.errorString());
        return false;
    }
    QByteArray head = file.read(headBytes);
    if (!file.atEnd() && head.lastIndexOf('\n') > 0)
        head.truncate(head.lastIndexOf('\n') + 1); // whole lines only
    const auto table = interchange::parseCsv(head);
    if (table.header.isEmpty()) {
        problem = tr("The file has no header line: its first line must name the columns.");
        return false;
    }
    if (table.header.size() > maxColumns || (file.size() > headBytes && !head.contains('\n'))) {
        problem = tr("The first line is not a header PainMDT can read (more than %1 columns, or longer than %2 KB).")
                      .arg(maxColumns).arg(headBytes / 1024);
        return false;
    }
    m_header = table.header;
    m_written = table.headerAsWritten;
    m_headRows.clear();
    for (const auto &record : table.records)
        if (int(m_headRows.size()) < previewRows)
            m_headRows.push_back(record.fields);
    return true;
}

bool ImportWizard::validateCurrentPage()
{
    if (currentId() == FilePage) {
        QString problem;
        if (m_kind->count() == 0 || !readHead(problem)) {
            currentPage()->setSubTitle(QStringLiteral("\u26A0 ") + (problem.isEmpty() ? tr("Your role may not import files.") : problem));
            return false;
        }
    }
    if (currentId() == ColumnsPage) {
        QStringList missing, twice;
        QSet<QString> used;
        for (const auto &spec : m_ours) {
            const QString chosen = columnBox(spec.name)->currentData().toString();
            if (spec.required && chosen.isEmpty())
                missing << spec.name;
            if (!chosen.isEmpty() && used.contains(chosen))
                twice << chosen;
            used.insert(chosen);
        }
        if (!missing.isEmpty() || !twice.isEmpty()) {
            m_columnsNote->setText(QStringLiteral("\u26A0 ")
                                   + (!missing.isEmpty() ? tr("Choose the file's column for %1: PainMDT needs it.").arg(missing.join(QStringLiteral(", ")))
                                                         : tr("The file's column %1 is chosen twice: each may hold one of ours.").arg(twice.join(QStringLiteral(", ")))));
            return false;
        }
    }
    return true;
}

void ImportWizard::initializePage(int id)
{
    if (id == ColumnsPage)
        buildColumns();
    if (id == RunPage) {
        const QFileInfo file(QDir::fromNativeSeparators(m_file->text().trimmed()));
        m_rejects->setText(QDir::toNativeSeparators(file.dir().filePath(file.completeBaseName() + tr("-set-aside.csv"))));
        m_setAside->setChecked(false);
        m_rejects->setEnabled(false);
        m_imported = false;
        startCheck();
    }
}

void ImportWizard::buildColumns()
{
    while (m_columnsForm->rowCount() > 0)
        m_columnsForm->removeRow(0);
    const QString kind = m_kind->currentData().toString();
    auto importing = interchange::importSession(kind, *m_database, m_session);
    m_ours = importing ? importing->importer().columns() : std::vector<interchange::ColumnSpec>{};
    const QVariantMap remembered = QSettings().value(settingsKey(kind)).toMap();
    bool usedRemembered = false;
    for (const auto &spec : m_ours) {
        auto *box = new QComboBox(m_columnsHost);
        box->setObjectName(QStringLiteral("column_") + spec.name);
        box->setAccessibleName(spec.name);
        box->addItem(spec.required ? tr("(choose one)") : tr("(not in the file)"), QString());
        for (qsizetype i = 0; i < m_header.size(); ++i)
            box->addItem(m_written.value(i).trimmed(), m_header.at(i));
        const QString guessed = guess(spec.name, m_header, remembered);
        box->setCurrentIndex(std::max(0, box->findData(guessed)));
        usedRemembered = usedRemembered || (!guessed.isEmpty() && remembered.value(spec.name).toString() == guessed && guessed != spec.name);
        connect(box, &QComboBox::currentIndexChanged, this, &ImportWizard::refreshPreview);
        m_columnsForm->addRow(spec.required ? spec.name + QStringLiteral(" *") : spec.name, box);
    }
    m_columnsNote->setText(usedRemembered ? tr("Columns chosen as for the last file of this kind: check them.") : QString());
    m_dates->setCurrentIndex(m_dates->findData(remembered.contains(dayFirstKey) ? remembered.value(dayFirstKey).toBool()
                                                                                : looksDayFirst(m_headRows)));
    refreshPreview();
}

QComboBox *ImportWizard::columnBox(const QString &ours) const
{
    return m_columnsHost->findChild<QComboBox *>(QStringLiteral("column_") + ours);
}

QHash<QString, QString> ImportWizard::columnMap() const
{
    QHash<QString, QString> map;
    for (const auto &spec : m_ours)
        if (const QString chosen = columnBox(spec.name)->currentData().toString(); !chosen.isEmpty())
            map.insert(chosen, spec.name);
    return map;
}

void ImportWizard::refreshPreview()
{
    m_preview->clear();
    QStringList headings;
    std::vector<int> from;
    for (const auto &spec : m_ours) {
        const QString chosen = columnBox(spec.name)->currentData().toString();
        if (chosen.isEmpty())
            continue;
        headings << spec.name;
        from.push_back(int(m_header.indexOf(chosen)));
    }
    m_preview->setColumnCount(int(headings.size()));
    m_preview->setHorizontalHeaderLabels(headings);
    m_preview->setRowCount(int(m_headRows.size()));
    for (int r = 0; r < int(m_headRows.size()); ++r)
        for (int c = 0; c < int(from.size()); ++c)
            m_preview->setItem(r, c, new QTableWidgetItem(m_headRows[std::size_t(r)].value(from[std::size_t(c)])));
    m_preview->resizeColumnsToContents();
}

void ImportWizard::startCheck() { start(true); }
void ImportWizard::startImport() { start(false); }

void ImportWizard::cancelRun()
{
    m_cancelled->store(true);
    m_status->setText(tr("Cancelling\u2026"));
}

void ImportWizard::start(bool checkOnly)
{
    if (running())
        return;
    interchange::ImportOptions options;
    options.columnMap = columnMap();
    options.checkOnly = checkOnly;
    options.dayFirstDates = m_dates->currentData().toBool();
    if (!checkOnly && m_setAside->isChecked()) {
        const QString rejects = QDir::fromNativeSeparators(m_rejects->text().trimmed());
        const QStringList kept = interchange::databaseFiles(m_database->location())
                                 << QDir::fromNativeSeparators(m_file->text().trimmed()); // never over the extract itself
        if (Status safe = interchange::checkOutputPath(tr("The file for the rows set aside"), rejects, kept);
            !safe)
            return m_status->setText(QStringLiteral("\u26A0 ") + safe.error());
        options.rejectsPath = rejects;
    }
    m_cancelled = std::make_shared<std::atomic<bool>>(false);
    const auto cancelled = m_cancelled;
    QPointer<QProgressBar> progress = m_progress;
    options.progress = [cancelled, progress](int done, int total) {
        QMetaObject::invokeMethod(progress, [progress, done, total] {
            if (progress) {
                progress->setMaximum(total);
                progress->setValue(done);
            }
        }, Qt::QueuedConnection);
        return !cancelled->load();
    };
    m_status->setText(checkOnly ? tr("Checking every row\u2026") : tr("Importing\u2026"));
    m_checked = checkOnly ? false : m_checked;
    for (auto which : {QWizard::BackButton, QWizard::FinishButton}) // the run's file and columns stay as they are,
        button(which)->setEnabled(false);                         // and Done cannot drop it half-way
    m_problems->clear();
    m_import->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 0); // busy until the first count
    auto result = std::make_shared<ImportSummary>();
    services::StampSource session = m_session;
    session.setHub(nullptr); // the GUI's change hub is the GUI thread's: it sees the import by polling the file
    m_thread = QThread::create([=, location = m_database->location(),
                                kind = m_kind->currentData().toString(), path = QDir::fromNativeSeparators(m_file->text().trimmed())] {
        *result = runImport(location, session, kind, path, options);
    });
    m_thread->setParent(this); // never outlives the wizard, which waits for it
    connect(m_thread, &QThread::finished, this, [this, result, checkOnly] {
        m_thread->deleteLater();
        m_thread = nullptr;
        finished(*result, checkOnly);
    });
    m_thread->start();
}

void ImportWizard::finished(const ImportSummary &s, bool checkOnly)
{
    m_cancel->setEnabled(false);
    m_progress->setRange(0, std::max(1, s.rows));
    m_progress->setValue(s.rows);
    showProblems(s);
    if (s.cancelled)
        m_status->setText(tr("Cancelled: nothing was written."));
    else if (!s.error.isEmpty())
        m_status->setText(tr("\u26A0 %1 Nothing was written.").arg(s.error));
    else if (checkOnly) {
        m_checked = s.rejected == 0 && s.error.isEmpty();
        m_status->setText(s.rejected == 0 ? tr("All %1 rows are good: %2 new, %3 changed, %4 already here. Press Import.")
                                               .arg(s.rows).arg(s.added).arg(s.updated).arg(s.unchanged)
                                          : tr("%1 of %2 rows have problems (below). Fix the file and go Back to check it "
                                               "again, or set the bad rows aside and import the others.")
                                                .arg(s.rejected).arg(s.rows));
    } else if (s.ok) {
        m_imported = true;
        rememberColumns();
        m_status->setText(tr("Imported: %1 new, %2 changed, %3 already here%4.%5")
                              .arg(s.added).arg(s.updated).arg(s.unchanged)
                              .arg(s.rejected > 0 ? tr(", %1 set aside in %2").arg(s.rejected).arg(m_rejects->text()) : QString())
                              .arg(s.alertsRaised > 0 ? tr(" %1 alert(s) raised by the answers: a clinician must acknowledge each.")
                                                            .arg(s.alertsRaised) : QString()));
    } else
        m_status->setText(tr("\u26A0 %1 rows have problems: nothing was written.").arg(s.rejected));
    m_import->setEnabled(!m_imported && (m_checked || m_setAside->isChecked()) && s.error.isEmpty()
                         && !(s.cancelled && checkOnly));
    for (auto which : {QWizard::BackButton, QWizard::FinishButton})
        button(which)->setEnabled(true);
    Q_EMIT runFinished(s);
    if (m_closeWhenStopped)
        QWizard::reject(); // asked to close during the run: now that it has stopped
}

void ImportWizard::showProblems(const ImportSummary &s)
{
    const auto ours = columnMap();
    for (const auto &issue : s.issues) {
        if (m_problems->count() == maxProblemsShown) { // a list of 300,000 would freeze the screen
            m_problems->addItem(tr("\u2026 and %1 more: the first ones usually show what is wrong with the file.")
                                    .arg(s.issues.size() - std::size_t(maxProblemsShown)));
            break;
        }
        QString text = issue.text();
        if (const QString theirs = ours.key(issue.column); !theirs.isEmpty() && theirs != issue.column)
            text += tr(" (your column \"%1\")").arg(m_written.value(m_header.indexOf(theirs), theirs).trimmed());
        m_problems->addItem(text);
    }
}

void ImportWizard::rememberColumns() const
{
    QVariantMap kept;
    const auto map = columnMap();
    for (auto it = map.begin(); it != map.end(); ++it)
        kept.insert(it.value(), it.key());
    kept.insert(dayFirstKey, m_dates->currentData().toBool());
    QSettings().setValue(settingsKey(m_kind->currentData().toString()), kept);
}

void ImportWizard::reject()
{
    if (!running())
        return QWizard::reject();
    // Never block the GUI on the worker: stop the run, and close when it has stopped.
    cancelRun();
    m_closeWhenStopped = true;
    m_status->setText(tr("Stopping the run; the window closes when it has stopped (nothing is written)."));
}

} // namespace painmdt::ui
