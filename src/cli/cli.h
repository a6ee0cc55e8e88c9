#pragma once
// The sub-commands of `painmdt` (interchange contract "Command line"): each parses its own
// options, prints results on stdout, and on failure a one-line reason on stderr.
#include <QStringList>

namespace painmdt::cli {

// 3: not logged in, or the user's role may not do this (interchange contract "Log-in").
enum ExitCode { Ok = 0, Failed = 1, Usage = 2, NotAllowed = 3 };

// True when arguments[1] names a sub-command (demo, import, report).
bool isSubcommand(const QStringList &arguments);

// Runs the sub-command named in arguments[1]; arguments[0] is the program.
int run(const QStringList &arguments);

} // namespace painmdt::cli
