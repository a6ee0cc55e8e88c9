#include "services/backgroundreader.h"

#include "storage/database.h"

namespace painmdt::services {

BackgroundReader::BackgroundReader(QString location, StampSource session, QObject *parent)
    : QObject(parent), m_location(std::move(location)), m_session(std::move(session)), m_worker(new QObject)
{
    m_session.setHub(nullptr); // the worker only reads
    m_thread.setObjectName(QStringLiteral("PainMDT reader"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

BackgroundReader::~BackgroundReader()
{
    // The connection was opened on the worker thread and must be closed there.
    QMetaObject::invokeMethod(m_worker, [this] { m_readers.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void BackgroundReader::post(Job job)
{
    QMetaObject::invokeMethod(m_worker, [this, job = std::move(job)] {
        std::optional<Error> openError; // tried again at the next read
        if (!m_readers) {
            auto db = storage::Database::open(m_location, storage::OpenMode::MustExist);
            if (db)
                m_readers.reset(new Readers{db.value(), PatientService(*db.value(), m_session),
                                            ReferralService(*db.value(), m_session), AuditService(*db.value(), m_session)});
            else
                openError = db.failure();
        }
        job(m_readers.get(), openError ? &*openError : nullptr);
    }, Qt::QueuedConnection);
}

void BackgroundReader::drain()
{
    QMetaObject::invokeMethod(m_worker, [] {}, Qt::BlockingQueuedConnection);
}

std::shared_ptr<std::atomic<quint64>> BackgroundReader::ticketFor(const QString &key)
{
    auto &latest = m_latest[key];
    if (!latest)
        latest = std::make_shared<std::atomic<quint64>>(0);
    return latest;
}

} // namespace painmdt::services
