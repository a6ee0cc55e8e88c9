#pragma once
// A report's figures as a JSON object (the interchange contract's keys), and its renderings.
#include <QDate>
#include <QJsonObject>
#include <QString>

namespace painmdt::reporting {

struct ReportPeriod {
    QDate from;
    QDate to;
    QDate asOf;
};

// {"from": ..., "to": ..., "as_of": ...} plus the report's own options.
QJsonObject echoParameters(const ReportPeriod &period, const QJsonObject &options = {});

QByteArray toJson(const QJsonObject &report);
// Two columns, "key,value": nested keys joined with "." ("strata.low"), list items by index
// or by their "month" ("by_month.2024-03.referrals").
QByteArray toCsv(const QJsonObject &report);

} // namespace painmdt::reporting
