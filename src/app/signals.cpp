#include "app/signals.h"

#include <QApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace painmdt::app {

namespace {

int g_pipe[2] = {-1, -1};
volatile sig_atomic_t g_signals = 0;
bool g_requested = false;

// Only async-signal-safe work here: one byte down the pipe, and Qt's event loop does the rest.
// If the first request went unheard (a hung window), the second is the default: the end.
void onSignal(int signal)
{
    g_signals = g_signals + 1;
    if (g_signals > 1) {
        ::signal(signal, SIG_DFL);
        ::raise(signal);
        return;
    }
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_pipe[0], &byte, 1);
}

} // namespace

bool terminationRequested()
{
    return g_requested;
}

void closeWindowsOnTerminationSignals()
{
    if (g_pipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [notifier] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(g_pipe[1], &byte, 1);
        notifier->setEnabled(false); // once: closing windows may run nested event loops
        g_requested = true;
        QApplication::closeAllWindows(); // closeEvent saves drafts; a modal dialog is rejected
        QApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
        struct sigaction before = {};
        if (::sigaction(signal, nullptr, &before) == 0 && before.sa_handler == SIG_IGN)
            continue; // started with it ignored (nohup, a background job): leave it so
        ::sigaction(signal, &action, nullptr);
    }
}

} // namespace painmdt::app
