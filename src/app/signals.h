#pragma once

namespace painmdt::app {

// SIGTERM, SIGINT and SIGHUP (a logout, Ctrl+C in the terminal, `kill`) close the windows as the
// user closing them would: drafts are saved and a demo database is removed. Call once, after the
// QApplication exists.
void closeWindowsOnTerminationSignals();

} // namespace painmdt::app
