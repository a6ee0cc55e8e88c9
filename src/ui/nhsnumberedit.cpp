#include "ui/nhsnumberedit.h"

#include "domain/nhsnumber.h"

namespace painmdt::ui {

using namespace painmdt::domain;

NhsNumberEdit::NhsNumberEdit(QWidget *parent) : QLineEdit(parent)
{
    setPlaceholderText(tr("e.g. 999 000 0018, or leave blank if not known"));
    setMaxLength(20); // room for spaces and hyphens as pasted
}

QString NhsNumberEdit::digits() const
{
    const auto check = checkNhsNumber(text());
    return check.ok() ? check.digits : QString();
}

QString NhsNumberEdit::problem() const
{
    const auto check = checkNhsNumber(text());
    if (check.ok() || check.error == NhsNumberError::Empty)
        return {};
    return describe(check.error, text());
}

void NhsNumberEdit::setDigits(const QString &digits)
{
    setText(formatNhsNumber(digits));
}

void NhsNumberEdit::focusOutEvent(QFocusEvent *event)
{
    if (const QString d = digits(); !d.isEmpty())
        setText(formatNhsNumber(d));
    QLineEdit::focusOutEvent(event);
}

} // namespace painmdt::ui
