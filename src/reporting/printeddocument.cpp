#include "reporting/printeddocument.h"

#include "domain/clinicaldate.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <algorithm>

namespace painmdt::reporting {

namespace {

constexpr int dpi = 96; // the painter's unit is then the screen's pixel, and point sizes mean what they say

QString tr(const char *text) { return QCoreApplication::translate("PrintedDocument", text); }

QFont font(int points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSize(points);
    f.setBold(bold);
    return f;
}

// The strip at the top of every page: the patient's banner on a bordered band, or the title.
int drawHead(QPainter &p, const PrintedDocument &doc, const QRect &page)
{
    if (doc.banner.isEmpty())
        return 0;
    p.setFont(font(10, true));
    // Wrapped, never clipped: a long double-barrelled name keeps its NHS number on the page.
    const int line = p.fontMetrics().height();
    const QRect text = p.fontMetrics().boundingRect(QRect(0, 0, page.width() - 16, line * 6), Qt::TextWordWrap, doc.banner);
    const QRect band(page.left(), page.top(), page.width(), std::max(line * 2, text.height() + line));
    p.setPen(QPen(QColor(0x00, 0x5E, 0xB8), 2));
    p.drawRect(band);
    p.setPen(Qt::black);
    p.drawText(band.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap, doc.banner);
    return band.height() + 12;
}

void drawFoot(QPainter &p, const PrintedDocument &doc, const QRect &page, int number, int count)
{
    p.setFont(font(8));
    p.setPen(Qt::black);
    const int h = p.fontMetrics().height();
    const QRect line(page.left(), page.bottom() - h, page.width(), h);
    p.drawLine(line.topLeft() - QPoint(0, 4), line.topRight() - QPoint(0, 4));
    const QString who = tr("Printed by %1 on %2 %3")
                            .arg(doc.printedBy, domain::formatClinicalDate(doc.printedAt.date()),
                                 doc.printedAt.time().toString(QStringLiteral("HH:mm")));
    p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, who);
    p.drawText(line, Qt::AlignRight | Qt::AlignVCenter, tr("Page %1 of %2").arg(number).arg(count));
}

} // namespace

QString documentStyleSheet()
{
    return QStringLiteral("table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 3px; } "
                          "th { background: #E8EDEE; text-align: left; } td.n { text-align: right; white-space: nowrap; } "
                          "h2 { color: #005EB8; } table.parameters td { border: none; padding: 2px 6px; }");
}

QString documentHtml(const PrintedDocument &doc)
{
    QString parameters;
    for (const auto &[name, value] : doc.parameters)
        parameters += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(escaped(name), escaped(value));
    if (!parameters.isEmpty())
        parameters = QStringLiteral("<table class='parameters' bgcolor='#E8EDEE' cellspacing='0' cellpadding='2'>%1</table>")
                         .arg(parameters); // shaded: a box the eye finds (Qt draws no border round a whole table)
    return QStringLiteral("<h1 style='color:#005EB8'>%1</h1><p>%2</p>%3%4")
        .arg(escaped(doc.title), escaped(doc.scope), parameters, doc.bodyHtml);
}

QString escaped(const QString &text)
{
    QString html = text.toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return html;
}

Result<QByteArray> toPdf(const PrintedDocument &doc)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error{tr("PDF needs the graphical libraries to be started (a program error).")};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(doc.title);
    writer.setCreator(QStringLiteral("PainMDT"));
    if (Status drawn = render(doc, writer); !drawn)
        return drawn.failure();
    return bytes;
}

Status render(const PrintedDocument &doc, QPagedPaintDevice &device)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error{tr("Printing needs the graphical libraries to be started (a program error).")};
    if (auto *writer = dynamic_cast<QPdfWriter *>(&device))
        writer->setResolution(dpi);
    QPainter painter;
    if (!painter.begin(&device))
        return Error{tr("The printer or PDF could not be started.")};
    const int resolution = device.logicalDpiY();
    const QRect printable = device.pageLayout().paintRectPixels(resolution);
    const QRect page = printable.translated(-printable.topLeft());
    const int head = drawHead(painter, doc, page);
    painter.setFont(font(8));
    const int foot = painter.fontMetrics().height() + 16;

    QTextDocument text;
    text.documentLayout()->setPaintDevice(&device);
    text.setDefaultFont(font(10));
    text.setDefaultStyleSheet(documentStyleSheet());
    text.setHtml(documentHtml(doc));
    embedCharts(text, doc.charts);
    const QSizeF body(page.width(), page.height() - head - foot);
    text.setPageSize(body); // tables' <thead> rows repeat at the top of each page
    const int pages = text.pageCount();
    for (int i = 0; i < pages; ++i) {
        if (i > 0) {
            device.newPage();
            drawHead(painter, doc, page);
        }
        painter.save();
        painter.translate(page.left(), page.top() + head - i * body.height());
        text.drawContents(&painter, QRectF(0, i * body.height(), body.width(), body.height()));
        painter.restore();
        drawFoot(painter, doc, page, i + 1, pages);
    }
    if (!painter.end())
        return Error{tr("The printout could not be finished.")};
    return success();
}

} // namespace painmdt::reporting
