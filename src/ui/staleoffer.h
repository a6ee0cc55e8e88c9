#pragma once
// A save refused because someone else saved the record first (SaveProblem::stale, issue 12): the
// form says who and when, and offers, one key away, to show their change with what the user typed
// kept on top (FormDraft::rebase). Nothing of either is overwritten silently.
#include "domain/result.h"

#include <QObject>
#include <functional>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace painmdt::ui {

class FormDraft;

class StaleOffer : public QObject {
    Q_OBJECT
public:
    // `reload` reads the record as stored now and fills the form with it: its row version, or why not.
    using Reload = std::function<Result<int>()>;
    // Adds a hidden Reload button to `buttons`; messages go to `message`.
    StaleOffer(QDialogButtonBox *buttons, QLabel *message, FormDraft *draft, Reload reload);

    void offer(const QString &refusal); // shows the refusal and the Reload button, focused
    QPushButton *button() const { return m_button; }

signals:
    void reloaded(); // the form holds the stored record with the typed values on top

private:
    void reloadKeepingTyped();

    QDialogButtonBox *m_buttons;
    QLabel *m_message;
    FormDraft *m_draft;
    Reload m_reload;
    QPushButton *m_button;
};

} // namespace painmdt::ui
