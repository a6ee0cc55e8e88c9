#pragma once
// Bar charts drawn as vectors in a report's pages (issue 10: "charts drawn as vectors"): a
// QTextDocument object that paints with QPainter, so on a PDF or a printer the bars are paths,
// sharp at any size, and their labels are text a reader (and pdftotext) can find.
#include <QString>
#include <QStringList>
#include <vector>

class QTextDocument;

namespace painmdt::reporting {

struct BarChart {
    QString title;
    QStringList categories;                 // along the bottom: months, settings, strata
    QStringList series;                     // one colour each, named in the legend
    std::vector<std::vector<double>> values; // [series][category]; NaN: nothing to show there
    // A run chart: points joined by a line (a gap at NaN) and a dashed centre line at `centre`
    // (the median over the whole period), as NHS run charts are drawn.
    bool run = false;
    double centre = 0;
    QString centreLabel;
};

// An empty chart with its series named (one unnamed series by default), ready for categories.
BarChart barChart(const QString &title, const QStringList &series = {QString()});

// Where a chart goes in a document's rich text: a paragraph holding only this marker.
QString chartMarker(int index);

// Replaces each marker in `document` by its chart (call after setHtml). The charts are kept by
// the document: its preview or printout draws them for as long as it lives.
void embedCharts(QTextDocument &document, const std::vector<BarChart> &charts);

} // namespace painmdt::reporting
