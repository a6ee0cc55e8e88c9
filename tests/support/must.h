#pragma once
// A read that must succeed in a test: its value, or the test stops with the read's error.
#include "domain/result.h"

#include <catch2/catch.hpp>

namespace painmdt::test {

template <typename T>
T must(Result<T> read)
{
    INFO((read.ok() ? QString() : read.error()).toStdString());
    REQUIRE(read.ok());
    return std::move(read.value());
}

} // namespace painmdt::test
