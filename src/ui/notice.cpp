#include "ui/notice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace painmdt::ui {

Notice::Notice(QWidget *parent)
    : QFrame(parent), m_text(new QLabel(this)), m_action(new QPushButton(this)),
      m_close(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("notice"));
    setStyleSheet(QStringLiteral("#notice { background: #E8F1FA; border: 1px solid #005EB8; }"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);
    m_text->setWordWrap(true);
    m_close->setAccessibleName(tr("Dismiss notice"));
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_action, &QPushButton::clicked, this, [this] {
        hide();
        // Taken out first: an action that shows a new notice replaces m_callback while running.
        if (auto action = std::exchange(m_callback, {}))
            action();
    });
    hide();
}

void Notice::show(const QString &text, const QString &actionText, std::function<void()> action)
{
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setAccessibleName(QString(actionText).remove(QLatin1Char('&'))); // "Undo", not "&Undo"
    m_action->setVisible(!actionText.isEmpty());
    m_callback = std::move(action);
    QFrame::show();
}

QString Notice::text() const
{
    return m_text->text();
}

} // namespace painmdt::ui
