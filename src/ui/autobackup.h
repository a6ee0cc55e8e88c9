#pragma once
// Automatic backups in the app (issue 11): once a day while it runs, and when it closes, into the
// folder and under the key an administrator chose (Administration > Backups). Each runs on a
// thread with its own connection; the window says when the last one was made, or why it failed.
#include "services/actor.h"
#include "services/workspace.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

class QThread;
class QTimer;
class QWidget;

namespace painmdt::ui {

class AutoBackup : public QObject {
    Q_OBJECT
public:
    AutoBackup(std::shared_ptr<services::Database> database, services::StampSource session, QObject *parent = nullptr);
    ~AutoBackup() override; // waits for a backup in progress

    // A backup now if one is due (none yet today) and none is running; the folder is looked at on
    // the backup's thread.
    void backUpIfDue();
    // A backup now, whatever the last one; `done` gets the file, or the error.
    void backUpNow(std::function<void(const Result<QString> &)> done = {});
    // At exit: backs up while a progress dialog over `parent` shows it, cancellable. Returns at once
    // (true) when no policy is set. False when the user cancelled or it failed (they were told).
    bool backUpBeforeExit(QWidget *parent);
    bool running() const { return m_thread != nullptr; }

signals:
    void finished(const QString &file, const QString &error); // one of the two is empty

private:
    void start(bool onlyIfDue, std::function<void(const Result<QString> &)> done);

    std::shared_ptr<services::Database> m_database;
    services::StampSource m_session;
    QTimer *m_timer;
    QThread *m_thread = nullptr;
    std::vector<std::function<void(const Result<QString> &)>> m_waiting; // asked while one ran
};

} // namespace painmdt::ui
