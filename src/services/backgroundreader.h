#pragma once
// Reads that may take long (patient search, worklists, the audit search) run on one worker thread with its own
// connection to the same database file, so the GUI thread never waits for them (issue 7; ux.md
// "the GUI thread never blocks"). The answer comes back on the asking object's thread; if that
// object is gone by then, the answer is dropped. A newer request with the same key makes an older
// one that has not started yet a no-op, so typing fast queues no backlog.
#include "services/actor.h"
#include "services/auditservice.h"
#include "services/patientservice.h"
#include "services/referralservice.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QPromise>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

namespace painmdt::services {

// The worker's own connection and the services that read through it.
struct Readers {
    std::shared_ptr<storage::Database> db;
    PatientService patients;
    ReferralService referrals;
    AuditService audit;
};

class BackgroundReader : public QObject {
    Q_OBJECT
public:
    // `location`: the database file the GUI opened; `session`: whose reads these are.
    BackgroundReader(QString location, StampSource session, QObject *parent = nullptr);
    ~BackgroundReader() override; // waits for a read in progress, then closes the connection

    // Runs `read(Readers &) -> Result<T>` on the worker, then `done(Result<T>)` on `receiver`'s
    // thread. A database that cannot be opened gives `done` that error.
    template <typename T>
    void read(QObject *receiver, const QString &key, std::function<Result<T>(Readers &)> read,
              std::function<void(const Result<T> &)> done);

    // Blocks until every read asked for so far has run (tests, benchmarks).
    void drain();

private:
    using Job = std::function<void(Readers *, const Error *)>;
    void post(Job job);
    std::shared_ptr<std::atomic<quint64>> ticketFor(const QString &key);

    QString m_location;
    StampSource m_session;
    QThread m_thread;
    QObject *m_worker; // lives on m_thread
    std::unique_ptr<Readers> m_readers; // made and used on m_thread only
    QHash<QString, std::shared_ptr<std::atomic<quint64>>> m_latest;
};

template <typename T>
void BackgroundReader::read(QObject *receiver, const QString &key, std::function<Result<T>(Readers &)> read,
                            std::function<void(const Result<T> &)> done)
{
    auto latest = ticketFor(QStringLiteral("%1/%2").arg(quintptr(receiver)).arg(key)); // per asker
    const quint64 ticket = ++*latest;
    auto answer = std::make_shared<std::optional<Result<T>>>();
    auto promise = std::make_shared<QPromise<void>>();
    auto *watcher = new QFutureWatcher<void>(receiver); // goes with the receiver
    connect(watcher, &QFutureWatcherBase::finished, receiver, [watcher, answer, done] {
        watcher->deleteLater();
        if (answer->has_value())
            done(answer->value());
    });
    watcher->setFuture(promise->future());
    promise->start();
    post([=](Readers *readers, const Error *openError) {
        if (latest->load() == ticket) // otherwise a newer request replaced this one
            *answer = readers ? read(*readers) : Result<T>(*openError);
        promise->finish(); // the future's lock publishes `answer` to the receiver's thread
    });
}

} // namespace painmdt::services
