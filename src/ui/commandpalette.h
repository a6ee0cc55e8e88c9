#pragma once
// Ctrl+K: find any menu command by typing part of its name (ux.md). Lists the enabled actions of
// the window's menus with their shortcuts; Enter runs the highlighted one.
#include <QDialog>

class QAction;
class QLineEdit;
class QListWidget;
class QMenuBar;

namespace painmdt::ui {

class CommandPalette : public QDialog {
    Q_OBJECT
public:
    CommandPalette(QMenuBar *menus, QWidget *parent = nullptr);
    QLineEdit *searchBox() const { return m_search; }
    QListWidget *list() const { return m_list; }
    QAction *chosen() const { return m_chosen; } // after Accepted

    void accept() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fill(const QString &filter);

    QList<std::pair<QString, QAction *>> m_actions; // "Menu › Name", action
    QLineEdit *m_search;
    QListWidget *m_list;
    QAction *m_chosen = nullptr;
};

} // namespace painmdt::ui
