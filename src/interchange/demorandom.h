#pragma once
// The demo generator's random numbers: one seeded engine, so a seed always gives the same data.
#include <QtGlobal>
#include <random>

namespace painmdt::interchange {

class Rng {
public:
    explicit Rng(quint64 seed) : m_engine(seed) {}
    // Our own reduction, not std::uniform_int_distribution, so a seed gives the same data with
    // any standard library.
    int below(int n) { return int(m_engine() % quint64(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <typename Array> const char *pick(const Array &a) { return a[below(int(a.size()))]; }

private:
    std::mt19937_64 m_engine;
};

} // namespace painmdt::interchange
