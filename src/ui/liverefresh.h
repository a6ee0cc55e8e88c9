#pragma once
// Keeps a page current (issue 7): a change announced on the hub to one of `entities` reloads the
// page at once when it is on screen; a hidden page only notes it, and reloads when next shown
// (also when the date has turned since its last load: days waiting count from today).
#include <QDate>
#include <QObject>
#include <QStringList>
#include <functional>

class QWidget;

namespace painmdt::services { class ChangeHub; struct ChangeNotice; }

namespace painmdt::ui {

class LiveRefresh : public QObject {
    Q_OBJECT
public:
    // `hub` may be null (a page on its own in a test): then only showing the page reloads it.
    LiveRefresh(QWidget *page, services::ChangeHub *hub, QStringList entities, std::function<void()> reload);

    void loaded(); // the page calls this when a load has been asked for
    void failed(); // ... and this when its answer was an error: shown again, it tries again
    bool isStale() const { return m_stale; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onChanged(const services::ChangeNotice &notice);

    QWidget *m_page;
    QStringList m_entities;
    std::function<void()> m_reload;
    bool m_stale = true;
    QDate m_loadedOn;
};

} // namespace painmdt::ui
