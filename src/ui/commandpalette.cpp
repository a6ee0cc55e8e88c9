#include "ui/commandpalette.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QVBoxLayout>

namespace painmdt::ui {

namespace {

void collect(QMenu *menu, const QString &path, QList<std::pair<QString, QAction *>> &into)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        const QString name = path + QStringLiteral(" \u203A ") + action->text().remove(QLatin1Char('&'));
        if (action->menu())
            collect(action->menu(), name, into);
        else if (action->isEnabled() && action->isVisible())
            into.append({name, action});
    }
}

} // namespace

CommandPalette::CommandPalette(QMenuBar *menus, QWidget *parent)
    : QDialog(parent), m_search(new QLineEdit(this)), m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    setWindowTitle(tr("Find a command"));
    for (QAction *top : menus->actions())
        if (top->menu())
            collect(top->menu(), top->text().remove(QLatin1Char('&')), m_actions);
    auto *label = new QLabel(tr("&Command"), this);
    label->setBuddy(m_search);
    m_search->setObjectName(QStringLiteral("commandSearch"));
    m_search->setPlaceholderText(tr("Type part of a command's name, e.g. check-in"));
    m_search->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("commandList"));
    m_list->setAccessibleName(tr("Commands"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    connect(m_search, &QLineEdit::textChanged, this, &CommandPalette::fill);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::accept);
    fill({});
    resize(520, 360);
}

void CommandPalette::fill(const QString &filter)
{
    m_list->clear();
    const QStringList words = filter.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < m_actions.size(); ++i) {
        const auto &[name, action] = m_actions[i];
        const QString &label = name; // clang 14 cannot capture a structured binding
        if (!std::all_of(words.begin(), words.end(), [&label](const QString &w) { return label.contains(w, Qt::CaseInsensitive); }))
            continue;
        QString text = name;
        if (!action->shortcut().isEmpty())
            text += QStringLiteral("    (%1)").arg(action->shortcut().toString(QKeySequence::NativeText));
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, i);
    }
    m_list->setCurrentRow(0);
}

void CommandPalette::accept()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    m_chosen = m_actions.at(item->data(Qt::UserRole).toInt()).second;
    QDialog::accept();
}

// Up and Down move in the list without leaving the search box; Enter runs the command.
bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Down || key == Qt::Key_Up) && m_list->count() > 0) {
            m_list->setCurrentRow(std::clamp(m_list->currentRow() + (key == Qt::Key_Down ? 1 : -1), 0, m_list->count() - 1));
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            accept();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace painmdt::ui
