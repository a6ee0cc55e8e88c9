#pragma once
// A printed page set as PDF bytes: title, body (Qt rich text), and on every page who printed it,
// when, and "Page n of N" (ux.md "Printed single-patient pages"). A single-patient document
// gives `banner`: the patient's name, Born and NHS No. then head every page. Multi-patient
// documents give none and state their scope instead.
#include "domain/result.h"
#include "reporting/reportchart.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

class QPagedPaintDevice;

namespace painmdt::reporting {

struct PrintedDocument {
    QString title;     // "Caseload"
    QString scope;     // what the document covers, under the title on page 1
    QString bodyHtml;  // Qt rich text; use escaped() for anything typed by a person
    QString banner;    // plain text; empty for multi-patient documents
    QList<QPair<QString, QString>> parameters; // a boxed table under the scope: what was asked for
    std::vector<BarChart> charts; // drawn where bodyHtml holds chartMarker(i)
    QString printedBy; // user name
    QDateTime printedAt;
};

// Rendered with the DejaVu fonts Debian installs; needs a QGuiApplication (offscreen will do).
Result<QByteArray> toPdf(const PrintedDocument &document);

// The same pages on any paged device: a QPdfWriter, or a QPrinter the print dialog set up (its
// resolution is set to 96 dpi, as the PDF's, so the page looks the same on paper).
Status render(const PrintedDocument &document, QPagedPaintDevice &device);

// Title, scope, parameters and body as one rich text, with the print style: what a preview shows.
QString documentHtml(const PrintedDocument &document);
QString documentStyleSheet();

QString escaped(const QString &text); // HTML-escaped, line ends kept as <br>

} // namespace painmdt::reporting
