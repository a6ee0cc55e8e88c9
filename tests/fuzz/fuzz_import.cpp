// libFuzzer target: every importer (issue 11). The first byte picks the kind of file, the rest is
// the file. Each input runs as the import wizard's check (every row checked and written, then all
// rolled back) against one database holding the sample patients and referrals, so references
// resolve and updates happen. Any bytes: no crash, no sanitizer finding, every problem has a
// line, and the database is exactly as it was afterwards.
#include "interchange/csvimport.h"
#include "interchange/importkinds.h"
#include "services/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace painmdt;

namespace {

void require(bool promise)
{
    if (!promise)
        std::abort(); // libFuzzer keeps the input that broke a promise
}

const services::StampSource admin(QStringLiteral("fuzz.admin"), [] { return QDateTime::currentDateTimeUtc(); },
                                  domain::Role::Admin);

struct World {
    QTemporaryDir dir;
    std::shared_ptr<storage::Database> db;
    qint64 auditRows = 0;
};

qint64 auditRows(storage::Database &db)
{
    QSqlQuery q(db.connection());
    require(q.exec(QStringLiteral("SELECT COUNT(*) FROM change_log")) && q.next());
    return q.value(0).toLongLong();
}

World &world()
{
    static World *w = [] {
        auto *made = new World;
        made->db = services::openDatabase(made->dir.filePath(QStringLiteral("fuzz.sqlite"))).value();
        for (const char *kind : {"patients", "referrals", "contacts", "assessments", "tariff"}) {
            QFile sample(QStringLiteral(PAINMDT_EXAMPLES "/%1.csv").arg(QLatin1String(kind)));
            require(sample.open(QIODevice::ReadOnly));
            auto session = interchange::importSession(QString::fromLatin1(kind), *made->db, admin);
            require(interchange::importCsv(*made->db, session->importer(), sample.readAll(), {}).ok);
        }
        made->auditRows = auditRows(*made->db);
        return made;
    }();
    return *w;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // the SQL driver is a plugin
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    World &w = world();
    const QStringList &kinds = interchange::rowImportKinds();
    const QString kind = kinds[data[0] % kinds.size()];
    auto session = interchange::importSession(kind, *w.db, admin);
    interchange::ImportOptions options;
    options.checkOnly = true;
    const QByteArray content(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const interchange::ImportSummary summary = interchange::importCsv(*w.db, session->importer(), content, options);
    for (const auto &issue : summary.issues)
        require(issue.line >= 1 || !summary.error.isEmpty());
    require(summary.rejected <= summary.rows);
    require(auditRows(*w.db) == w.auditRows); // a check writes nothing
    return 0;
}
