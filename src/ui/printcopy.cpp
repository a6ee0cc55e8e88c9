#include "ui/printcopy.h"

#include "interchange/outputfile.h"

#include <QCoreApplication>
#include <QPrinter>

namespace painmdt::ui {

Status printCopy(QPrinter &printer, const reporting::PrintedDocument &document, const QStringList &protectedFiles,
                 const std::function<Status(const QString &format)> &record)
{
    const bool toFile = printer.outputFormat() == QPrinter::PdfFormat && !printer.outputFileName().isEmpty();
    if (toFile)
        if (Status safe = interchange::checkOutputPath(QCoreApplication::translate("Print", "The file"),
                                                       printer.outputFileName(), protectedFiles);
            !safe)
            return safe;
    if (Status recorded = record(toFile ? QStringLiteral("pdf") : QStringLiteral("print")); !recorded)
        return recorded;
    printer.setResolution(96); // as the PDF: the layout's point sizes and rules hold on paper
    printer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    printer.setDocName(document.title);
    return reporting::render(document, printer);
}

} // namespace painmdt::ui
