#include "ui/liverefresh.h"

#include "services/changehub.h"
#include "ui/clinicaldateedit.h"

#include <QEvent>
#include <QWidget>

namespace painmdt::ui {

LiveRefresh::LiveRefresh(QWidget *page, services::ChangeHub *hub, QStringList entities, std::function<void()> reload)
    : QObject(page), m_page(page), m_entities(std::move(entities)), m_reload(std::move(reload))
{
    page->installEventFilter(this);
    if (hub)
        connect(hub, &services::ChangeHub::changed, this, &LiveRefresh::onChanged);
}

void LiveRefresh::loaded()
{
    m_stale = false;
    m_loadedOn = ClinicalDateEdit::today();
}

void LiveRefresh::failed()
{
    m_stale = true;
}

void LiveRefresh::onChanged(const services::ChangeNotice &notice)
{
    if (std::none_of(m_entities.begin(), m_entities.end(), [&](const QString &e) { return notice.touches(e); }))
        return;
    m_stale = true;
    if (m_page->isVisible())
        m_reload();
}

bool LiveRefresh::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_page && event->type() == QEvent::Show && (m_stale || m_loadedOn != ClinicalDateEdit::today()))
        m_reload();
    return QObject::eventFilter(watched, event);
}

} // namespace painmdt::ui
