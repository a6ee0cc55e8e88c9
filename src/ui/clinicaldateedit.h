#pragma once
// Clinical date entry (ux.md): takes 12-Mar-2024, 12/03/2024, 2024-03-12, t, +3m, -2d; echoes
// the date it understood beside the field before anything is saved; shows 12-Mar-2024 on leaving.
#include <QDate>
#include <QLineEdit>

class QLabel;

namespace painmdt::ui {

class ClinicalDateEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit ClinicalDateEdit(QWidget *parent = nullptr);

    // The label that echoes the parsed date ("= 12-Mar-2024") or says what is wrong.
    void setEchoLabel(QLabel *label);

    QDate date() const;          // invalid when empty or not understood
    QString problem() const;     // "" when empty or understood
    void setDate(const QDate &date);

    static QDate today();        // tests may fix "today" through PAINMDT_TODAY=YYYY-MM-DD

protected:
    void focusOutEvent(QFocusEvent *event) override;

private:
    void updateEcho();
    QLabel *m_echo = nullptr;
};

} // namespace painmdt::ui
