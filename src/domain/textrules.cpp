#include "domain/textrules.h"

#include <QCoreApplication>

namespace painmdt::domain {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("TextRules", text); }

bool isLineEnd(char32_t c) { return c == u'\n' || c == u'\r'; }

// Never acceptable in any field.
bool alwaysForbidden(char32_t c)
{
    if ((c < 0x20 && c != u'\t' && !isLineEnd(c)) || (c >= 0x7F && c <= 0x9F))
        return true; // C0 (NUL included), DEL, C1
    if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return true; // bidirectional marks, embeddings, overrides, isolates
    if (c == 0x2028 || c == 0x2029 || (c >= 0xFFF9 && c <= 0xFFFB))
        return true; // line and paragraph separators, interlinear annotation
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE; // noncharacters
}

// Invisible: allowed in free text only.
bool invisible(char32_t c)
{
    return c == 0x00AD || c == 0x034F || c == 0x180E || (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064)
           || c == 0xFEFF || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
}

bool forbidden(char32_t c, TextKind kind)
{
    if (alwaysForbidden(c))
        return true;
    return kind != TextKind::FreeText && (c == u'\t' || isLineEnd(c) || invisible(c));
}

QString codePoint(char32_t c) { return QStringLiteral("U+%1").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper(); }

} // namespace

int maxLength(TextKind kind)
{
    switch (kind) {
    case TextKind::Ref: return 64;
    case TextKind::Name: return 100;
    case TextKind::Line: return 200;
    case TextKind::FreeText: return 20000;
    }
    return 0;
}

QString textProblem(const QString &value, TextKind kind, const QString &label)
{
    if (value.size() > maxLength(kind))
        return tr("%1 is %2 characters long; the limit is %3. Shorten it.")
            .arg(label).arg(value.size()).arg(maxLength(kind));
    int position = 0;
    for (const char32_t c : value.toUcs4()) {
        ++position;
        if (forbidden(c, kind))
            return tr("%1 has an invisible or control character (%2) at character %3; remove it.")
                .arg(label, codePoint(c)).arg(position);
    }
    return {};
}

void checkText(const QString &value, const char *field, TextKind kind, std::vector<FieldError> &errors,
               const QString &label)
{
    const QString name = label.isEmpty() ? QString::fromLatin1(field) : label;
    if (const QString problem = textProblem(value, kind, name); !problem.isEmpty())
        errors.push_back({field, problem});
}

} // namespace painmdt::domain
