#pragma once
// The check at start (issue 11): SQLite's quick check of every page, on a connection of its own
// in the background, so opening the app costs nothing extra. Until it answers, a write waits for
// it; once it has found damage, the database takes no more writes and the app says what to do.
#include "domain/result.h"

#include <QString>
#include <future>

namespace painmdt::storage { class Database; }

namespace painmdt::services {

class StartupCheck {
public:
    explicit StartupCheck(QString location); // starts checking at once
    ~StartupCheck();                         // waits for the check to end
    StartupCheck(const StartupCheck &) = delete;
    StartupCheck &operator=(const StartupCheck &) = delete;

    // Only damage found by the check refuses writes; a check that could not run (the file busy,
    // memory short) is said, and writes go on.
    struct Finding {
        bool damaged = false;
        QString problem; // empty: sound
    };
    bool finished() const;
    Finding result() const; // waits for the answer
    // Makes `db` wait for the answer before its first write, and refuse writes if it failed.
    // `db` must not outlive this check.
    void guard(storage::Database &db) const;

private:
    QString m_location;
    std::shared_future<Finding> m_answer;
};

// What to do about a damaged database: restore the newest backup, with the command.
QString restoreAdvice(const QString &location, const QString &newestBackup);

} // namespace painmdt::services
