#pragma once
// spdlog to a rotating file in the app data folder and to stderr, with Qt's own messages
// forwarded. Log record ids and counts only: never patient identifiers or clinical text.
#include <QString>

namespace painmdt::app {

// `verbose` shows info on stderr too (the file always gets info and above).
void setUpLogging(bool verbose);

QString logFilePath();

} // namespace painmdt::app
