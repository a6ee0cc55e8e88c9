#pragma once
// Pieces of a report's printed body, shared by the reports with a layout of their own (outcomes,
// service): rich text for QTextDocument, every figure with its N.
#include "reporting/reportchart.h"
#include "reporting/reportlayout.h"

#include <QJsonObject>
#include <QString>
#include <vector>

namespace painmdt::reporting {


// A table of reportlayout.h; <thead> repeats its headings on every page it runs onto.
QString tableHtml(const ReportTable &table);
// A number as written, with a unit; an en dash for none.
QString number(const QJsonValue &v, const QString &suffix = {});
// "3 of 6 (50 %)"; an en dash when the denominator is 0.
QString share(const QJsonObject &o, const char *count, qint64 of, const char *pct);
// Mood in NHS Talking Therapies terms, from the outcomes report's "mood".
QString moodTable(const QJsonObject &mood);
// The PGIC and FFT distributions of an outcomes report.
QString singleOccasionHtml(const QJsonObject &outcomes);
// Improved, no change and worse as % of the paired, a group of bars per measure with a rule.
BarChart changeChart(const QJsonObject &instruments);
// "Apr 26" for "2026-04".
QString monthLabel(const QString &yyyyMm);

// The service outcome report's body (servicepdf.cpp); its charts are appended to `charts`.
QString serviceBody(const QJsonObject &figures, std::vector<BarChart> &charts);

} // namespace painmdt::reporting
