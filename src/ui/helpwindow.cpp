#include "ui/helpwindow.h"

#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

// Q_INIT_RESOURCE must be called outside any namespace; the .qrc lives in a static library.
static void initHelpResources() { Q_INIT_RESOURCE(help); }

namespace painmdt::ui {

HelpWindow::HelpWindow(QWidget *parent) : QWidget(parent, Qt::Window), m_browser(new QTextBrowser(this))
{
    initHelpResources();
    setObjectName(QStringLiteral("helpWindow"));
    setWindowTitle(tr("PainMDT user guide"));
    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setAccessibleName(tr("User guide"));
    m_browser->setSearchPaths({QStringLiteral(":/help")});
    QFile guide(QStringLiteral(":/help/user-guide.md"));
    if (guide.open(QIODevice::ReadOnly))
        m_browser->setMarkdown(QString::fromUtf8(guide.readAll()));
    else
        m_browser->setPlainText(tr("The user guide is missing from this build (docs/user-guide.md)."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    resize(900, 700);
}

} // namespace painmdt::ui
