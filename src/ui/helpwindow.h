#pragma once
// F1: the user guide, inside the app (docs/user-guide.md and its pictures are built in), in a
// window of its own that stays open beside the work. Nothing is fetched from the network.
#include <QWidget>

class QTextBrowser;

namespace painmdt::ui {

class HelpWindow : public QWidget {
    Q_OBJECT
public:
    explicit HelpWindow(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace painmdt::ui
