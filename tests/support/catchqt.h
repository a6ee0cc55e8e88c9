#pragma once
// Catch printers for Qt types, so a failed CHECK shows the values instead of "{?}".
#include <catch2/catch.hpp>

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>

#include <string>

namespace Catch {
template <>
struct StringMaker<QString> {
    static std::string convert(const QString &s) { return '"' + s.toStdString() + '"'; }
};
template <>
struct StringMaker<QDate> {
    static std::string convert(const QDate &d)
    {
        return d.isValid() ? d.toString(Qt::ISODate).toStdString() : std::string("(invalid date)");
    }
};
template <>
struct StringMaker<QDateTime> {
    static std::string convert(const QDateTime &d)
    {
        return d.isValid() ? d.toString(Qt::ISODateWithMs).toStdString() : std::string("(invalid date-time)");
    }
};
template <>
struct StringMaker<QByteArray> {
    static std::string convert(const QByteArray &b) { return '"' + b.toStdString() + '"'; }
};
} // namespace Catch
