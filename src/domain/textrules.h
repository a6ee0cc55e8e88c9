#pragma once
// What text PainMDT stores (issue 6; documented in docs/interchange.md "Text and dates").
// Every field has a length limit and a rule for characters no person types on purpose:
//  - never: control characters (C0 except tab and line ends, DEL, C1, so also NUL), bidirectional
//    overrides and isolates (they make a stored name display as another: "Trojan Source"),
//    noncharacters and line/paragraph separators;
//  - in refs, names and one-line fields also no tabs or line ends, and no invisible characters
//    (Unicode's format characters - zero-width space, joiners, soft hyphen, tags, byte-order
//    mark - variation selectors, Hangul fillers and the like), which let two records look
//    identical on screen while differing in the database;
//  - in refs also no combining marks and no unassigned code points.
// Free text (notes, reasons) keeps tabs, line ends and joiners (emoji and some scripts need them).
#include "domain/patient.h"

#include <QString>
#include <vector>

namespace painmdt::domain {

enum class TextKind {
    Ref,      // patient_ref, referral_ref ...: 64 characters
    Name,     // family and given names: 100
    Line,     // phone, GP practice, referrer, staff user name ...: 200
    FreeText, // reason, notes: 20,000
};

int maxLength(TextKind kind);

// An empty string when `value` is acceptable; otherwise what is wrong, for field `label`.
QString textProblem(const QString &value, TextKind kind, const QString &label);

// Appends a FieldError for `field` when the value breaks its rule; `label` names it in the
// message (default: the field name, as in the CSV header).
void checkText(const QString &value, const char *field, TextKind kind, std::vector<FieldError> &errors,
               const QString &label = {});

// A cell's value quoted in a message: at most 20 characters, then "…". Messages reach stderr and
// scheduled jobs' mail; a shifted column must not copy a name or a clinical note there in full.
QString echo(const QString &value);
// Control characters (ESC, BEL, NUL...) as "U+001B": a hostile file's text never drives a terminal.
QString printable(const QString &text);

} // namespace painmdt::domain
