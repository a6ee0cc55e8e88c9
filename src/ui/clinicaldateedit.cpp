#include "ui/clinicaldateedit.h"

#include "domain/clinicaldate.h"

#include <QLabel>

namespace painmdt::ui {

using namespace painmdt::domain;

ClinicalDateEdit::ClinicalDateEdit(QWidget *parent) : QLineEdit(parent)
{
    setPlaceholderText(tr("e.g. 12-Mar-1960 or 12/03/1960"));
    connect(this, &QLineEdit::textChanged, this, &ClinicalDateEdit::updateEcho);
}

QDate ClinicalDateEdit::today()
{
    const QDate fixed = parseIsoDate(qEnvironmentVariable("PAINMDT_TODAY"));
    return fixed.isValid() ? fixed : QDate::currentDate();
}

void ClinicalDateEdit::setEchoLabel(QLabel *label)
{
    m_echo = label;
    updateEcho();
}

QDate ClinicalDateEdit::date() const
{
    return parseDateEntry(text(), today()).date;
}

QString ClinicalDateEdit::problem() const
{
    return parseDateEntry(text(), today()).error;
}

void ClinicalDateEdit::setDate(const QDate &date)
{
    setText(date.isValid() ? formatClinicalDate(date) : QString());
}

void ClinicalDateEdit::focusOutEvent(QFocusEvent *event)
{
    if (const QDate d = date(); d.isValid())
        setText(formatClinicalDate(d));
    QLineEdit::focusOutEvent(event);
}

void ClinicalDateEdit::updateEcho()
{
    if (!m_echo)
        return;
    const DateEntry entry = parseDateEntry(text(), today());
    // The echo matters for shorthand ("t", "+3m", "12/03/60"): say what date it means.
    m_echo->setText(entry.date.isValid() ? QStringLiteral("= %1").arg(formatClinicalDate(entry.date)) : QString());
}

} // namespace painmdt::ui
