#pragma once
// Errors cross layers as values (architecture.md): a Result holds either a value or an Error
// whose message is written for the user (what went wrong and what to do).
#include <QString>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace painmdt {

struct Error {
    QString message;
    bool forbidden = false; // not logged in, or the user's role may not do this (CLI exit 3)
    bool fault = false;     // the database failed (full, busy, damaged), not the data: stop, do not retry row by row
    QString rule = {};      // the database's own rule that refused the data (storage/sqlerror.h), if one did
    bool stale = false;     // someone else saved the record after it was read: reload, then save again
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_state); }
    T &value() { return std::get<T>(m_state); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const QString &error() const { return std::get<Error>(m_state).message; }
    bool forbidden() const { return !ok() && std::get<Error>(m_state).forbidden; }
    const Error &failure() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Reads: a failed read is an Error, never an empty answer (issue 7: a screen must not say
// "no referrals" because the query failed).
template <typename T>
using Maybe = Result<std::optional<T>>; // found, not found, or failed
template <typename T>
using Many = Result<std::vector<T>>;

// For operations that return nothing but may fail.
struct Done {};
using Status = Result<Done>;
inline Status success() { return Done{}; }

} // namespace painmdt
