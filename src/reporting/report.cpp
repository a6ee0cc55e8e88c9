#include "reporting/report.h"

#include "interchange/csvreader.h"
#include "reporting/reportlayout.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ReportCsv", text); }

// A spreadsheet runs a cell that starts like a formula: such text gets a leading apostrophe.
QString neutralised(const QString &text)
{
    static const QString starts = QStringLiteral("=+-@\t\r");
    return !text.isEmpty() && starts.contains(text.front()) ? QLatin1Char('\'') + text : text;
}

// Numbers stay numbers (money to the penny) so a spreadsheet can add them up.
QString csvCell(const ReportCell &cell)
{
    const QJsonValue &v = cell.value;
    if (v.isDouble())
        return cell.money ? QString::number(v.toDouble(), 'f', 2) : QString::number(v.toDouble(), 'g', 15);
    if (v.isNull() || v.isUndefined())
        return {};
    return neutralised(cellText(cell));
}

QString pounds(const QString &label, bool money) { return money ? tr("%1 (\u00A3)").arg(label) : label; }

void writeTable(const ReportTable &table, QByteArray &out)
{
    out += "\r\n";
    if (!table.title.isEmpty())
        out += interchange::csvLine({neutralised(table.title)});
    if (table.isList) {
        for (const QString &item : table.items)
            out += interchange::csvLine({neutralised(item)});
        if (table.items.isEmpty())
            out += interchange::csvLine({tr("None")});
        return;
    }
    const bool figureValue = table.isFigures;
    QStringList headings;
    for (qsizetype c = 0; c < table.columns.size(); ++c)
        headings << neutralised(c == 0 || figureValue || table.rows.empty()
                                    ? table.columns[c]
                                    : pounds(table.columns[c], table.rows.front()[std::size_t(c)].money));
    out += interchange::csvLine(headings);
    for (const auto &row : table.rows) {
        QStringList cells{neutralised(pounds(cellText(row.front()), figureValue && row.back().money))};
        for (std::size_t i = 1; i < row.size(); ++i)
            cells << csvCell(row[i]);
        out += interchange::csvLine(cells);
    }
}

} // namespace

QJsonObject echoParameters(const ReportPeriod &period, const QJsonObject &options)
{
    QJsonObject echo = options;
    echo.insert(QStringLiteral("from"), period.from.toString(Qt::ISODate));
    echo.insert(QStringLiteral("to"), period.to.toString(Qt::ISODate));
    echo.insert(QStringLiteral("as_of"), period.asOf.toString(Qt::ISODate));
    return echo;
}

QByteArray toJson(const QJsonObject &report)
{
    return QJsonDocument(report).toJson(QJsonDocument::Indented);
}

QByteArray toCsv(const QJsonObject &report)
{
    QByteArray out;
    for (const auto &[name, value] : reportParameters(report))
        out += interchange::csvLine({name, neutralised(value)});
    out += interchange::csvLine({tr("Covers"), neutralised(reportScope(report))});
    for (const ReportTable &table : reportTables(report))
        writeTable(table, out);
    return out;
}

} // namespace painmdt::reporting
