#pragma once
// A report's figures as a JSON object (the interchange contract's keys), and its renderings.
#include <QDate>
#include <QJsonObject>
#include <QString>

namespace painmdt::reporting {

// Options some reports take: cost-savings --window-months and --index, costed reports --tariff.
struct ReportOptions {
    int windowMonths = 12;
    bool indexByReferral = false; // --index referral (default: first-contact)
    QString tariff;               // "" = the default tariff (the one imported most recently)
};

struct ReportPeriod {
    QDate from;
    QDate to;
    QDate asOf;
    ReportOptions options = {};
};

// {"from": ..., "to": ..., "as_of": ...} plus the report's own options.
QJsonObject echoParameters(const ReportPeriod &period, const QJsonObject &options = {});

QByteArray toJson(const QJsonObject &report);
// For people with a spreadsheet (the json is the machine contract): the parameters, then each
// table of reportlayout.h under its title, headings and codes in words, numbers as numbers
// (money to the penny, "(£)" in its heading), text that starts like a formula neutralised.
QByteArray toCsv(const QJsonObject &report);

} // namespace painmdt::reporting
