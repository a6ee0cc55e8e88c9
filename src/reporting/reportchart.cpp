#include "reporting/reportchart.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextObjectInterface>
#include <algorithm>
#include <cmath>

namespace painmdt::reporting {

namespace {

constexpr int chartFormat = QTextFormat::UserObject + 10;
constexpr int chartIndex = QTextFormat::UserProperty + 10;

// NHS blue, then colours that stay apart in greyscale print and for colour-blind readers.
const QColor palette[] = {QColor(0x00, 0x5E, 0xB8), QColor(0xED, 0x8B, 0x00), QColor(0x42, 0x55, 0x63),
                          QColor(0x00, 0x96, 0x39)};

// A round step for the value axis: 1, 2 or 5 times a power of ten, about four steps to the top.
double niceStep(double top)
{
    const double raw = std::max(top, 1.0) / 4;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * power)
            return m * power;
    return 10 * power;
}

class ChartObject : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    ChartObject(std::vector<BarChart> charts, QObject *parent) : QObject(parent), m_charts(std::move(charts)) {}

    QSizeF intrinsicSize(QTextDocument *doc, int, const QTextFormat &) override
    {
        const qreal width = doc->pageSize().width() > 0 ? doc->pageSize().width() : doc->textWidth();
        return {std::max<qreal>(width - 2 * doc->documentMargin(), 300), 230};
    }

    void drawObject(QPainter *p, const QRectF &rect, QTextDocument *, int, const QTextFormat &format) override
    {
        const auto at = std::size_t(format.property(chartIndex).toInt());
        if (at < m_charts.size())
            draw(*p, rect, m_charts[at]);
    }

private:
    static void draw(QPainter &p, const QRectF &rect, const BarChart &chart)
    {
        p.save();
        QFont font = p.font();
        font.setPointSizeF(8);
        p.setFont(font);
        const qreal line = p.fontMetrics().height();
        QRectF title(rect.left(), rect.top(), rect.width(), line * 1.4);
        QFont bold = font;
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(title, Qt::AlignLeft | Qt::AlignVCenter, chart.title);
        p.setFont(font);
        const bool twoRows = needsTwoRows(p, (rect.width() - 52) / qreal(std::max<qsizetype>(chart.categories.size(), 1)), chart);
        const qreal labels = line * (twoRows ? 2.4 : 1.4);
        const qreal legend = chart.series.size() < 2 && !chart.run ? line * 0.6 : line * 2; // room for the key above the bars
        const QRectF plot(rect.left() + 44, title.bottom() + legend, rect.width() - 52,
                          rect.height() - title.height() - legend - labels);
        drawLegend(p, QPointF(rect.left() + 44, title.bottom()), chart);
        double top = 0;
        for (const auto &series : chart.values)
            for (double v : series)
                top = std::isnan(v) ? top : std::max(top, v);
        top = chart.run ? std::max(top, chart.centre) : top;
        const double step = niceStep(top), axisTop = std::ceil(std::max(top, 1.0) / step) * step;
        p.setPen(QPen(QColor(0xD8, 0xDD, 0xE0), 0.5));
        for (double v = 0; v <= axisTop + step / 2; v += step) {
            const qreal y = plot.bottom() - plot.height() * v / axisTop;
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
            p.setPen(Qt::black);
            p.drawText(QRectF(rect.left(), y - line / 2, 40, line), Qt::AlignRight | Qt::AlignVCenter,
                       QString::number(v, 'g', 10));
            p.setPen(QPen(QColor(0xD8, 0xDD, 0xE0), 0.5));
        }
        if (chart.run)
            drawRun(p, plot, axisTop, chart);
        drawBars(p, plot, axisTop, twoRows, chart);
        p.restore();
    }

    static void drawLegend(QPainter &p, QPointF at, const BarChart &chart)
    {
        if (chart.series.size() < 2)
            return;
        const qreal line = p.fontMetrics().height();
        for (qsizetype s = 0; s < chart.series.size(); ++s) {
            p.fillRect(QRectF(at.x(), at.y() + line * 0.3, line * 0.8, line * 0.8), palette[s % 4]);
            p.setPen(Qt::black);
            p.drawText(QPointF(at.x() + line, at.y() + line), chart.series[s]);
            at.rx() += line * 1.6 + p.fontMetrics().horizontalAdvance(chart.series[s]);
        }
    }

    // Labels wider than their bar's slot go on two alternating rows, so none overlaps the next.
    static bool needsTwoRows(const QPainter &p, qreal slot, const BarChart &chart)
    {
        return std::any_of(chart.categories.begin(), chart.categories.end(),
                           [&](const QString &c) { return p.fontMetrics().horizontalAdvance(c) > slot * 0.95; });
    }

    static void drawBars(QPainter &p, const QRectF &plot, double axisTop, bool twoRows, const BarChart &chart)
    {
        const auto n = chart.categories.size();
        if (n == 0)
            return;
        const qreal slot = plot.width() / qreal(n), line = p.fontMetrics().height();
        const auto series = qsizetype(chart.values.size());
        const qreal bar = slot * 0.7 / qreal(std::max<qsizetype>(series, 1));
        for (qsizetype c = 0; c < n; ++c) {
            for (qsizetype s = 0; s < series && !chart.run; ++s) {
                const double v = chart.values[std::size_t(s)][std::size_t(c)];
                if (std::isnan(v))
                    continue;
                const qreal h = plot.height() * v / axisTop;
                p.fillRect(QRectF(plot.left() + slot * qreal(c) + slot * 0.15 + bar * qreal(s), plot.bottom() - h, bar, h),
                           palette[s % 4]);
            }
            p.setPen(Qt::black);
            const qreal row = twoRows && c % 2 ? line : 0;
            const qreal room = twoRows ? slot * 2 : slot; // a label may reach over its neighbours' on the other row
            p.drawText(QRectF(plot.left() + slot * (qreal(c) + 0.5) - room / 2, plot.bottom() + 2 + row, room, line),
                       Qt::AlignHCenter | Qt::AlignTop, p.fontMetrics().elidedText(chart.categories[c], Qt::ElideRight, int(room)));
        }
        p.drawLine(plot.bottomLeft(), plot.bottomRight());
    }

    // The points (a gap where a month has none), then the centre line, labelled at its right end.
    static void drawRun(QPainter &p, const QRectF &plot, double axisTop, const BarChart &chart)
    {
        const auto n = chart.categories.size();
        if (n == 0 || chart.values.empty())
            return;
        const qreal slot = plot.width() / qreal(n);
        const auto at = [&](qsizetype c, double v) {
            return QPointF(plot.left() + slot * (qreal(c) + 0.5), plot.bottom() - plot.height() * v / axisTop);
        };
        p.setPen(QPen(palette[0], 1.5));
        p.setBrush(palette[0]);
        const std::vector<double> &values = chart.values.front();
        for (qsizetype c = 0; c < n; ++c) {
            const double v = values[std::size_t(c)];
            if (std::isnan(v))
                continue;
            if (c > 0 && !std::isnan(values[std::size_t(c - 1)]))
                p.drawLine(at(c - 1, values[std::size_t(c - 1)]), at(c, v));
            p.drawEllipse(at(c, v), 2.2, 2.2);
        }
        const qreal y = plot.bottom() - plot.height() * chart.centre / axisTop;
        p.setPen(QPen(palette[1], 1, Qt::DashLine));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        // Its label in the key above the plot, never over the points.
        const qreal line = p.fontMetrics().height(), top = plot.top() - line * 1.6;
        p.drawLine(QPointF(plot.left(), top + line / 2), QPointF(plot.left() + line * 1.5, top + line / 2));
        p.setPen(Qt::black);
        p.drawText(QPointF(plot.left() + line * 2, top + line * 0.8), chart.centreLabel);
        p.setBrush(Qt::NoBrush);
    }

    std::vector<BarChart> m_charts;
};

} // namespace

BarChart barChart(const QString &title, const QStringList &series)
{
    BarChart chart;
    chart.title = title;
    chart.series = series;
    chart.values.resize(std::size_t(series.size()));
    return chart;
}

QString chartMarker(int index) { return QStringLiteral("[[chart %1]]").arg(index); }

void embedCharts(QTextDocument &document, const std::vector<BarChart> &charts)
{
    qDeleteAll(document.findChildren<ChartObject *>(Qt::FindDirectChildrenOnly)); // a preview reused: the last run's
    if (charts.empty())
        return;
    auto *handler = new ChartObject(charts, &document);
    document.documentLayout()->registerHandler(chartFormat, handler);
    for (std::size_t i = 0; i < charts.size(); ++i) {
        QTextCursor found = document.find(chartMarker(int(i)));
        if (found.isNull())
            continue;
        QTextCharFormat object;
        object.setObjectType(chartFormat);
        object.setProperty(chartIndex, int(i));
        found.insertText(QString(QChar::ObjectReplacementCharacter), object);
    }
}

} // namespace painmdt::reporting

#include "reportchart.moc"
