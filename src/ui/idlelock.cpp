#include "ui/idlelock.h"

#include "services/accountservice.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace painmdt::ui {

IdleLock::IdleLock(QMainWindow *window, services::AccountService &accounts, QString userName, std::chrono::milliseconds idle)
    : QWidget(window), m_window(window), m_accounts(accounts), m_user(std::move(userName)), m_password(new QLineEdit(this)),
      m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("idleLock"));
    setAutoFillBackground(true); // opaque: nothing of the patient on screen shows through
    auto *outer = new QVBoxLayout(this);
    outer->addStretch();
    auto *title = new QLabel(tr("<h2>PainMDT is locked</h2>It locked itself after a while without use. %1, type your "
                                "password to go back to where you were.").arg(m_user.toHtmlEscaped()), this);
    title->setWordWrap(true);
    title->setAlignment(Qt::AlignCenter);
    outer->addWidget(title);
    auto *form = new QFormLayout;
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaximumWidth(320);
    form->addRow(tr("&Password"), m_password);
    auto *unlock = new QPushButton(tr("Unlock"), this);
    form->addRow(QString(), unlock);
    auto *centred = new QHBoxLayout;
    centred->addStretch();
    centred->addLayout(form);
    centred->addStretch();
    outer->addLayout(centred);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setAccessibleName(tr("Unlock message"));
    outer->addWidget(m_message);
    outer->addStretch();
    connect(m_password, &QLineEdit::returnPressed, this, &IdleLock::tryUnlock);
    connect(unlock, &QPushButton::clicked, this, &IdleLock::tryUnlock);

    hide();
    m_timer.setSingleShot(true);
    m_timer.setInterval(idle);
    connect(&m_timer, &QTimer::timeout, this, &IdleLock::lockNow);
    m_timer.start();
    qApp->installEventFilter(this);
    window->installEventFilter(this);
}

bool IdleLock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize)
        setGeometry(m_window->rect());
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        if (!isLocked())
            m_timer.start(); // any use starts the idle time again
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void IdleLock::setWindowEnabled(bool enabled)
{
    if (!enabled) {
        m_actions.clear();
        for (QAction *action : m_window->findChildren<QAction *>()) { // shortcuts would act behind the cover
            m_actions.emplace_back(action, action->isEnabled());
            action->setEnabled(false);
        }
    } else {
        for (const auto &[action, was] : m_actions)
            action->setEnabled(was);
        m_actions.clear();
    }
    m_window->centralWidget()->setEnabled(enabled);
    m_window->menuBar()->setEnabled(enabled);
}

void IdleLock::lockNow()
{
    if (isLocked())
        return;
    m_focusBefore = QApplication::focusWidget();
    setWindowEnabled(false);
    setGeometry(m_window->rect());
    m_message->clear();
    m_password->clear();
    show();
    raise();
    m_password->setFocus();
}

void IdleLock::tryUnlock()
{
    const auto session = m_accounts.logIn(m_user, m_password->text());
    m_password->clear();
    if (!session) {
        m_message->setText(session.error());
        return;
    }
    hide();
    setWindowEnabled(true);
    if (m_focusBefore)
        m_focusBefore->setFocus(); // back to the field the user was in
    m_timer.start();
}

} // namespace painmdt::ui
