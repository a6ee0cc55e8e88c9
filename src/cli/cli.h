#pragma once
// The sub-commands of `painmdt` (interchange contract "Command line"): each parses its own
// options, prints results on stdout, and on failure a one-line reason on stderr.
#include <QString>
#include <QStringList>

#include <vector>

class QCommandLineParser;

namespace painmdt::cli {

// 3: not logged in, or the user's role may not do this (interchange contract "Log-in").
enum ExitCode { Ok = 0, Failed = 1, Usage = 2, NotAllowed = 3 };

struct Command {
    QString name;
    QString summary; // one line, lower case, as `painmdt --help` lists it
};

// Every sub-command, in the order `painmdt --help` lists them.
std::vector<Command> commands();

// True when arguments[1] names a sub-command (demo, import, report).
bool isSubcommand(const QStringList &arguments);

// Runs the sub-command named in arguments[1]; arguments[0] is the program.
int run(const QStringList &arguments);

// The parser's help with its Usage line naming the program as the user types it ("painmdt",
// "painmdt import"): Qt names it by the binary's path (build/Release/src/painmdt).
QString helpText(const QCommandLineParser &parser, const QString &program);

} // namespace painmdt::cli
