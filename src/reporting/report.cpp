#include "reporting/report.h"

#include "interchange/csvreader.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace painmdt::reporting {

namespace {

QString scalar(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return {};
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String: return v.toString();
    default: return {};
    }
}

void flatten(const QString &prefix, const QJsonValue &value, QByteArray &out)
{
    const auto key = [&](const QString &name) { return prefix.isEmpty() ? name : prefix + QLatin1Char('.') + name; };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(key(it.key()), it.value(), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i) {
            QJsonObject item = array.at(i).toObject();
            const QString name = item.contains(QStringLiteral("month")) ? item.take(QStringLiteral("month")).toString()
                                                                        : QString::number(i);
            flatten(key(name), item.isEmpty() ? array.at(i) : QJsonValue(item), out);
        }
    } else {
        out += interchange::csvLine({prefix, scalar(value)});
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
    QByteArray out = interchange::csvLine({QStringLiteral("key"), QStringLiteral("value")});
    flatten({}, report, out);
    return out;
}

} // namespace painmdt::reporting
