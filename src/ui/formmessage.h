#pragma once
// A form's message beside a field or under it: a warning sign and red text, or nothing.
#include <QLabel>
#include <QString>

namespace painmdt::ui {

inline void setMessage(QLabel *label, const QString &text)
{
    // Text, not colour alone, carries the meaning: the message says what is wrong.
    label->setTextFormat(Qt::PlainText);
    label->setText(text.isEmpty() ? QString() : QStringLiteral("\u26A0 ") + text);
    label->setStyleSheet(text.isEmpty() ? QString() : QStringLiteral("color: #B00020;"));
}

} // namespace painmdt::ui
