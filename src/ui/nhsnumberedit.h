#pragma once
// NHS number entry (ux.md): accepts 9990000018, 999 000 0018, 999-000-0018, typed or pasted;
// shows 3-3-4 once focus leaves; a specific message for letters, length or check digit.
#include <QLineEdit>

namespace painmdt::ui {

class NhsNumberEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit NhsNumberEdit(QWidget *parent = nullptr);

    QString digits() const;           // the 10 digits when valid, else ""
    QString problem() const;          // "" when empty or valid
    void setDigits(const QString &digits);

protected:
    void focusOutEvent(QFocusEvent *event) override;
};

} // namespace painmdt::ui
