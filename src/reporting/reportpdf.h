#pragma once
// A report's figures laid out for print: its title, its scope in words (multi-patient reports
// carry no banner, ux.md), the parameters, then the tables of reportlayout.h (outcomes has its own
// layout, as a commissioner reads it).
#include "reporting/printeddocument.h"
#include "reporting/reportlayout.h"

#include <QJsonObject>

namespace painmdt::reporting {

// `figures` as runReport returns them (with "report", "from", "to", "as_of").
PrintedDocument reportDocument(const QJsonObject &figures);

} // namespace painmdt::reporting
