#pragma once
// A report's figures laid out for people, once, for both the PDF and the CSV for spreadsheets
// (issue 10: "one report template"): its title and scope in words, the parameters, then every
// figure of the json in labelled tables, in the order the contract lists them, codes in words.
// The json stays the machine contract; this is what a manager reads.
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QStringList>
#include <vector>

namespace painmdt::reporting {

// "Waiting times" for "waiting-times".
QString reportTitle(const QString &name);
// What the figures cover, from their echoed dates: "Referrals received from 01-Apr-2026 to ...".
QString reportScope(const QJsonObject &figures);
// Report, period, as-of date and the options (windows, index date, tariff), in words.
QList<QPair<QString, QString>> reportParameters(const QJsonObject &figures);

// "open_episodes" -> "Open episodes", "pct_..." -> "% ...", codes by domain::codeLabel.
QString figureLabel(const QString &key);

struct ReportCell {
    QJsonValue value;
    bool money = false; // pounds: "£1,778.00" on the page, a plain number in a spreadsheet
};

struct ReportTable {
    QString title;       // empty for the summary that opens the report
    QStringList columns; // headings; the first names the rows
    std::vector<std::vector<ReportCell>> rows; // each row's first cell is its label
    QStringList items;   // a list of words (caveats) in place of rows; "None" when empty
    bool isList = false;
    bool isFigures = false; // two columns, Figure and Value: each row's value says its own unit
};

std::vector<ReportTable> reportTables(const QJsonObject &figures);

// "£1,778.00", "−£34,822" (a true minus sign): money as every page and screen shows it.
QString poundsText(double pounds, int decimals);

// A cell as a person reads it: "None to measure" for null, "Yes"/"No", money in pounds.
QString cellText(const ReportCell &cell);

} // namespace painmdt::reporting
