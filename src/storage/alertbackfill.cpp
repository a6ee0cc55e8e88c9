#include "storage/alertbackfill.h"

#include "domain/assessment.h"
#include "domain/instrument.h"
#include "storage/alertrepository.h"
#include "storage/database.h"
#include "storage/sqlerror.h"

#include <QSqlError>
#include <QSqlQuery>
#include <spdlog/spdlog.h>

#include <map>

namespace painmdt::storage {

namespace {

using Key = std::pair<QString, QString>; // code, version

// The definitions that declare alerts: built in, or imported (an unreadable one is skipped: the
// import checked it, and a definition with alerts only exists from schema 13 on).
std::map<Key, domain::InstrumentDefinition> alertingDefinitions(Database &db)
{
    std::map<Key, domain::InstrumentDefinition> found;
    for (auto &d : domain::builtInInstruments())
        if (!d.alerts.empty())
            found[{d.code, d.version}] = d;
    QSqlQuery q(db.connection());
    if (q.exec(QStringLiteral("SELECT definition FROM instrument_definition")))
        while (q.next())
            if (auto d = domain::parseInstrumentDefinition(q.value(0).toString().toUtf8()); d && !d.value().alerts.empty())
                found[{d.value().code, d.value().version}] = d.value();
    return found;
}

} // namespace

Status backfillAlerts(Database &db)
{
    const auto definitions = alertingDefinitions(db);
    if (definitions.empty())
        return success();
    QSqlQuery read(db.connection());
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT id, patient_id, instrument, instrument_version, answers FROM assessment "
                                  "WHERE entered_in_error IS NULL ORDER BY id")))
        return Error{explain(read.lastError())};
    const auto shipped = domain::builtInInstruments();
    std::map<QString, const domain::InstrumentDefinition *> builtIn; // code -> its built-in definition with alerts
    for (const auto &d : shipped)
        if (!d.alerts.empty())
            builtIn[d.code] = &d;
    std::vector<domain::AssessmentAlert> wanted;
    while (read.next()) {
        const auto answers = domain::answersFromText(read.value(4).toString());
        const auto exact = definitions.find({read.value(2).toString(), read.value(3).toString()});
        // A version without rules of a code whose built-in has them is an old import that replaced
        // the built-in (allowed before schema 13): its answers meet the built-in's rules.
        const auto fallback = builtIn.find(read.value(2).toString());
        const domain::InstrumentDefinition *definition =
            exact != definitions.end() ? &exact->second
            : fallback != builtIn.end() && answers.size() == fallback->second->items.size() ? fallback->second : nullptr;
        if (!definition)
            continue;
        for (const auto &raised : domain::raisedAlerts(*definition, answers)) {
            domain::AssessmentAlert alert;
            alert.assessmentId = read.value(0).toLongLong();
            alert.patientId = read.value(1).toLongLong();
            alert.rule = raised.rule.id;
            alert.item = raised.rule.item;
            alert.answer = raised.answer;
            alert.message = raised.rule.message;
            wanted.push_back(alert);
        }
    }
    read.finish();

    AlertRepository alerts(db);
    ChangeLog log(db);
    const Stamp stamp(QStringLiteral("PainMDT (upgrade)"), QDateTime::currentDateTimeUtc());
    int raised = 0;
    for (const auto &alert : wanted) {
        const auto already = alerts.find(alert.assessmentId, alert.rule);
        if (!already)
            return already.failure();
        if (already->has_value())
            continue;
        const auto id = alerts.insert(alert, stamp);
        if (!id)
            return id.failure();
        if (Status s = log.record(stamp, {QStringLiteral("assessment_alert"), id.value(), ChangeAction::Create, {},
                                          AlertRepository::columns(alert), alert.patientId});
            !s)
            return s;
        ++raised;
    }
    spdlog::info("alerts raised for answers saved before schema 13: {}", raised);
    return success();
}

} // namespace painmdt::storage
