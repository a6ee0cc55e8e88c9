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
    const auto category = QChar::category(c);
    if (category == QChar::Other_Surrogate || category == QChar::Other_PrivateUse)
        return true;
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE; // noncharacters
}

// Characters that draw nothing, or change the one before without showing (Unicode's
// Default_Ignorable_Code_Point, by category and the few listed ranges): allowed in free text only.
bool invisible(char32_t c)
{
    if (QChar::category(c) == QChar::Other_Format) // soft hyphen, zero-width joiners, tags, word joiner, BOM ...
        return true;
    return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F)
           || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0 || (c >= 0xE0000 && c <= 0xE0FFF);
}

bool forbidden(char32_t c, TextKind kind)
{
    if (alwaysForbidden(c))
        return true;
    if (kind == TextKind::FreeText)
        return false;
    if (c == u'\t' || isLineEnd(c) || invisible(c))
        return true;
    // A ref is an identifier: nothing that combines with the character before it, and no
    // unassigned code point, so that what is shown is all there is.
    const auto category = QChar::category(c);
    return kind == TextKind::Ref
           && (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
               || category == QChar::Mark_Enclosing || category == QChar::Other_NotAssigned);
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

QString printable(const QString &text)
{
    QString shown;
    shown.reserve(text.size());
    for (const QChar c : text)
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7F && c.unicode() < 0xA0))
            shown += QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
        else
            shown += c;
    return shown;
}

QString echo(const QString &value)
{
    constexpr qsizetype shown = 20;
    const QString text = value.size() > shown ? value.left(shown) + QChar(0x2026) : value;
    return QLatin1Char('"') + printable(text) + QLatin1Char('"');
}

} // namespace painmdt::domain
