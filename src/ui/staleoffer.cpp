#include "ui/staleoffer.h"

#include "ui/drafts.h"
#include "ui/formmessage.h"

#include <QDialogButtonBox>
#include <QPushButton>

namespace painmdt::ui {

StaleOffer::StaleOffer(QDialogButtonBox *buttons, QLabel *message, FormDraft *draft, Reload reload)
    : QObject(buttons), m_buttons(buttons), m_message(message), m_draft(draft), m_reload(std::move(reload)),
      m_button(buttons->addButton(tr("Re&load, keeping what I typed"), QDialogButtonBox::ResetRole))
{
    m_button->hide();
    connect(m_button, &QPushButton::clicked, this, &StaleOffer::reloadKeepingTyped);
}

void StaleOffer::offer(const QString &refusal)
{
    setMessage(m_message, refusal + QLatin1Char(' ')
                              + tr("Or press Reload: their change is shown here, with what you typed kept on top."));
    m_button->show();
    m_button->setDefault(true); // Enter now reloads: saving again would be refused again
    m_button->setFocus();
}

void StaleOffer::reloadKeepingTyped()
{
    const auto both = m_draft->rebase(m_reload);
    if (!both)
        return setMessage(m_message, both.error());
    m_button->hide();
    QPushButton *save = m_buttons->button(QDialogButtonBox::Save);
    if (save)
        save->setDefault(true);
    emit reloaded();
    QStringList clashes;
    for (const FormDraft::Clash &clash : both.value())
        clashes << tr("%1 (theirs: \u201C%2\u201D)").arg(FormDraft::labelOf(clash.field), clash.theirs);
    setMessage(m_message, clashes.isEmpty()
                              ? tr("Their change is shown, with what you typed kept on top. Check it, then save.")
                              : tr("Their change is shown, with what you typed kept on top. You both changed %1: "
                                   "yours is kept there. Check it, then save.").arg(clashes.join(tr("; "))));
    QWidget *next = clashes.isEmpty() ? static_cast<QWidget *>(save) : both.value().front().field;
    if (next)
        next->setFocus();
}

} // namespace painmdt::ui
