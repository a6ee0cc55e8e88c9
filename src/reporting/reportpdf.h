#pragma once
// A report's figures laid out for print: its title, its scope in words (multi-patient reports
// carry no banner, ux.md), the parameters, then every figure of the json in labelled tables.
#include "reporting/printeddocument.h"

#include <QJsonObject>

namespace painmdt::reporting {

// `figures` as runReport returns them (with "report", "from", "to", "as_of").
PrintedDocument reportDocument(const QJsonObject &figures);

// "open_episodes" -> "Open episodes", "pct_..." -> "% ...", codes by domain::codeLabel.
QString figureLabel(const QString &key);

} // namespace painmdt::reporting
