#pragma once
// Who changed what, and when: written in the same transaction as the change it describes.
#include "domain/result.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QString>
#include <QVariantMap>

namespace painmdt::storage {

class Database;

// Who is writing and when; every write carries one (services/actor.h makes it). The time is
// formatted once: a bulk import writes it several times a row.
struct Stamp {
    Stamp(QString who, const QDateTime &when)
        : actor(std::move(who)), at(when.toUTC()), atIso(at.toString(Qt::ISODateWithMs)) {}
    const QString &atText() const { return atIso; }

    QString actor;
    QDateTime at; // UTC
    QString atIso;
};

enum class ChangeAction { Create, Update, Delete, Restore };

struct ChangeRecord {
    QString entity;       // table name, e.g. "patient"
    qint64 entityId = 0;
    ChangeAction action = ChangeAction::Create;
    QVariantMap before;   // column -> old value (unused for create)
    QVariantMap after;    // column -> new value (unused for create)
};

// Writes change-log rows; keeps its statement prepared because imports write one per row.
class ChangeLog {
public:
    explicit ChangeLog(Database &db); // must not outlive db
    // Stores only the columns whose value differs between before and after (nothing for a
    // create: the new row holds its first values).
    Status record(const Stamp &stamp, const ChangeRecord &change);

private:
    QSqlQuery &m_insert;
};

struct ChangeEntry {
    QDateTime at;
    QString actor;
    QString action;       // "create", "update", "delete", "restore"
    QString changesJson;  // {"column": [old, new], ...}
};

// The history of one record, oldest first.
std::vector<ChangeEntry> changesOf(Database &db, const QString &entity, qint64 entityId);

} // namespace painmdt::storage
