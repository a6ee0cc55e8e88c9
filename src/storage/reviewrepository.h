#pragma once
// MDT meetings, their agenda items and actions (schema 11). Writes go through
// services::ReviewService.
#include "domain/review.h"
#include "domain/timeline.h"
#include "domain/result.h"
#include "storage/changelog.h"

namespace painmdt::storage {

class Database;

class ReviewRepository {
public:
    explicit ReviewRepository(Database &db) : m_db(db) {}

    Many<domain::MdtMeeting> meetings(int limit); // newest first
    Maybe<domain::MdtMeeting> meeting(qint64 id);
    Many<domain::AgendaItem> items(qint64 meetingId); // in agenda order
    Maybe<domain::AgendaItem> item(qint64 id);
    Many<domain::MdtAction> actions(qint64 itemId);
    // The patient's agenda items with their meeting's date and title, oldest first.
    Many<domain::ReviewEntry> forPatient(qint64 patientId);
    Maybe<domain::MdtAction> action(qint64 id);
    // Open actions, soonest due first; `owner` empty: everyone's.
    Many<domain::ActionRow> openActions(const QString &owner, int limit);

    Result<qint64> insert(const domain::MdtMeeting &m, const Stamp &stamp);
    Status update(const domain::MdtMeeting &m, const Stamp &stamp);
    Result<qint64> insert(const domain::AgendaItem &i, const Stamp &stamp);
    Status update(const domain::AgendaItem &i, const Stamp &stamp);
    Status remove(const domain::AgendaItem &i); // only an item without actions (the service checks)
    Result<qint64> insert(const domain::MdtAction &a, const Stamp &stamp);
    Status update(const domain::MdtAction &a, const Stamp &stamp);

    static QVariantMap columns(const domain::MdtMeeting &m);
    static QVariantMap columns(const domain::AgendaItem &i);
    static QVariantMap columns(const domain::MdtAction &a);

private:
    Database &m_db;
};

} // namespace painmdt::storage
