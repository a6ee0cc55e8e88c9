#include "ui/autobackup.h"

#include "services/backupservice.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

#include <optional>
#include <utility>

namespace painmdt::ui {

namespace {

std::optional<services::BackupPolicy> policyOf(services::Database &db, const services::StampSource &session)
{
    const auto policy = services::BackupService(db, session).policy();
    return policy ? policy.value() : std::nullopt;
}

} // namespace

AutoBackup::AutoBackup(std::shared_ptr<services::Database> database, services::StampSource session, QObject *parent)
    : QObject(parent), m_database(std::move(database)), m_session(std::move(session)), m_timer(new QTimer(this))
{
    m_session.setHub(nullptr); // the backup thread's writes (its audit row) are seen by polling the file
    m_timer->setInterval(std::chrono::minutes(30));
    connect(m_timer, &QTimer::timeout, this, &AutoBackup::backUpIfDue);
    m_timer->start();
    QTimer::singleShot(std::chrono::seconds(10), this, &AutoBackup::backUpIfDue); // after the start-up check
}

AutoBackup::~AutoBackup()
{
    if (m_thread)
        m_thread->wait();
}

void AutoBackup::backUpIfDue()
{
    if (!m_thread)
        start(true, {});
}

void AutoBackup::backUpNow(std::function<void(const Result<QString> &)> done)
{
    if (m_thread) { // one at a time: the running one will do, or, if it found none due, the next
        m_waiting.push_back(std::move(done));
        return;
    }
    start(false, std::move(done));
}

// Runs a backup on its own thread and connection. With `onlyIfDue`, the thread first looks in the
// folder (which may be a slow network share: never on the GUI thread) and stops if one was made today.
void AutoBackup::start(bool onlyIfDue, std::function<void(const Result<QString> &)> done)
{
    const auto policy = policyOf(*m_database, m_session);
    if (!policy) {
        if (done)
            done(Error{tr("Automatic backups are not set up: an administrator sets them under Administration > Backups.")});
        return;
    }
    auto result = std::make_shared<std::optional<Result<QString>>>(); // empty: not due, nothing done
    m_thread = QThread::create([result, onlyIfDue, policy = *policy, location = m_database->location(),
                                session = m_session] {
        if (onlyIfDue && !services::automaticBackupDue(policy.folder, QFileInfo(location).fileName(),
                                                       QDateTime::currentDateTime()))
            return;
        auto db = services::openDatabase(location, services::OpenMode::MustExist);
        *result = db ? services::BackupService(*db.value(), session).backUpNow(policy) : Result<QString>(db.failure());
    });
    connect(m_thread, &QThread::finished, this, [this, result, done] {
        m_thread->deleteLater();
        m_thread = nullptr;
        auto waiting = std::exchange(m_waiting, {});
        if (done)
            waiting.insert(waiting.begin(), done);
        if (!*result) { // none was due; a caller that asked meanwhile still wants one
            if (!waiting.empty())
                start(false, [waiting](const Result<QString> &r) {
                    for (const auto &w : waiting)
                        if (w)
                            w(r);
                });
            return;
        }
        const Result<QString> &outcome = **result;
        for (const auto &w : waiting)
            if (w)
                w(outcome);
        emit finished(outcome ? outcome.value() : QString(), outcome ? QString() : outcome.error());
    });
    m_thread->start(QThread::LowPriority);
}

bool AutoBackup::backUpBeforeExit(QWidget *parent)
{
    if (!policyOf(*m_database, m_session))
        return true;
    QProgressDialog progress(tr("Backing up the database before closing\u2026"), tr("Close without a backup"), 0, 0, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    QEventLoop loop;
    // Shared, not on this stack: a backup the user stopped waiting for still reports here.
    auto outcome = std::make_shared<Result<QString>>(Error{});
    backUpNow([outcome, waiting = QPointer<QEventLoop>(&loop)](const Result<QString> &r) {
        *outcome = r;
        if (waiting)
            waiting->quit();
    });
    connect(&progress, &QProgressDialog::canceled, &loop, &QEventLoop::quit);
    if (m_thread)
        loop.exec();
    if (progress.wasCanceled())
        return true; // the user chose to go; the running backup finishes before the process ends
    progress.reset();
    if (!*outcome) {
        return QMessageBox::warning(parent, tr("Backup failed"),
                                    tr("The backup at closing failed: %1\nClose anyway?").arg(outcome->error()),
                                    QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel)
               == QMessageBox::Close;
    }
    return true;
}

} // namespace painmdt::ui
