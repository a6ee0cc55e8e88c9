#pragma once

namespace painmdt::app {

// SIGTERM, SIGINT and SIGHUP (a logout, Ctrl+C in the terminal, `kill`) close the windows as the
// user closing them would: drafts are saved and a demo database is removed. A second signal ends
// the process at once, as if no handler were set. A signal the process was started ignoring
// (`nohup`) stays ignored. Call once, after the QApplication exists.
void closeWindowsOnTerminationSignals();

// True once such a signal arrived: work before the event loop runs (making the demo, the log-in)
// checks it and ends quietly.
bool terminationRequested();

} // namespace painmdt::app
