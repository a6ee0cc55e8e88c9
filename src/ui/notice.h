#pragma once
// An in-window notice instead of a modal box for harmless outcomes ("Saved."), with an optional
// action. It stays until dismissed or replaced: no auto-dismiss (ux.md).
#include <QFrame>
#include <functional>

class QLabel;
class QPushButton;

namespace painmdt::ui {

class Notice : public QFrame {
    Q_OBJECT
public:
    explicit Notice(QWidget *parent = nullptr);
    void show(const QString &text, const QString &actionText = {}, std::function<void()> action = {});
    QString text() const;

private:
    QLabel *m_text;
    QPushButton *m_action;
    QPushButton *m_close;
    std::function<void()> m_callback;
};

} // namespace painmdt::ui
