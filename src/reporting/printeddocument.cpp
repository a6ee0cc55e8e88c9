#include "reporting/printeddocument.h"

#include "domain/clinicaldate.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

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
    const QRect band(page.left(), page.top(), page.width(), p.fontMetrics().height() * 2);
    p.setPen(QPen(QColor(0x00, 0x5E, 0xB8), 2));
    p.drawRect(band);
    p.setPen(Qt::black);
    p.drawText(band.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, doc.banner);
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

QString pageHtml(const PrintedDocument &doc)
{
    return QStringLiteral("<h1 style='color:#005EB8'>%1</h1><p>%2</p>%3")
        .arg(escaped(doc.title), escaped(doc.scope), doc.bodyHtml);
}

} // namespace

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
    writer.setResolution(dpi);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(doc.title);
    writer.setCreator(QStringLiteral("PainMDT"));
    QPainter painter;
    if (!painter.begin(&writer))
        return Error{tr("The PDF could not be started.")};
    const QRect page = writer.pageLayout().paintRectPixels(dpi).translated(-writer.pageLayout().paintRectPixels(dpi).topLeft());
    const int head = drawHead(painter, doc, page);
    painter.setFont(font(8));
    const int foot = painter.fontMetrics().height() + 16;

    QTextDocument text;
    text.documentLayout()->setPaintDevice(&writer);
    text.setDefaultFont(font(10));
    text.setDefaultStyleSheet(QStringLiteral(
        "table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 3px; } "
        "th { background: #E8EDEE; text-align: left; } td.n { text-align: right; } h2 { color: #005EB8; }"));
    text.setHtml(pageHtml(doc));
    const QSizeF body(page.width(), page.height() - head - foot);
    text.setPageSize(body);
    const int pages = text.pageCount();
    for (int i = 0; i < pages; ++i) {
        if (i > 0) {
            writer.newPage();
            drawHead(painter, doc, page);
        }
        painter.save();
        painter.translate(page.left(), page.top() + head - i * body.height());
        text.drawContents(&painter, QRectF(0, i * body.height(), body.width(), body.height()));
        painter.restore();
        drawFoot(painter, doc, page, i + 1, pages);
    }
    if (!painter.end())
        return Error{tr("The PDF could not be finished.")};
    return bytes;
}

} // namespace painmdt::reporting
