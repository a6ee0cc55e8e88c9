#pragma once
// A printed page set as PDF bytes: title, body (Qt rich text), and on every page who printed it,
// when, and "Page n of N" (ux.md "Printed single-patient pages"). A single-patient document
// gives `banner`: the patient's name, Born and NHS No. then head every page. Multi-patient
// documents give none and state their scope instead.
#include "domain/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace painmdt::reporting {

struct PrintedDocument {
    QString title;     // "Caseload"
    QString scope;     // what the document covers, under the title on page 1
    QString bodyHtml;  // Qt rich text; use escaped() for anything typed by a person
    QString banner;    // plain text; empty for multi-patient documents
    QString printedBy; // user name
    QDateTime printedAt;
};

// Rendered with the DejaVu fonts Debian installs; needs a QGuiApplication (offscreen will do).
Result<QByteArray> toPdf(const PrintedDocument &document);

QString escaped(const QString &text); // HTML-escaped, line ends kept as <br>

} // namespace painmdt::reporting
