#pragma once
// A printed copy through the system print dialog's printer, shared by every screen that prints.
#include "domain/result.h"
#include "reporting/printeddocument.h"

#include <QStringList>
#include <functional>

class QPrinter;

namespace painmdt::ui {

// "Print to file" gets Save as PDF's output-path checks (never over `protectedFiles`);
// `record(format)` audits the copy ("pdf" or "print") before anything is drawn, and a copy it
// cannot record is not printed; the printer takes the PDF's resolution and margins, so the page
// looks the same on paper.
Status printCopy(QPrinter &printer, const reporting::PrintedDocument &document, const QStringList &protectedFiles,
                 const std::function<Status(const QString &format)> &record);

} // namespace painmdt::ui
