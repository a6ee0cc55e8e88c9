#!/usr/bin/env bash
# Builds PainMDT and its tests with clang's AddressSanitizer and UndefinedBehaviorSanitizer in
# build/asan and runs the whole test suite there (issue 11). Any finding fails the test it is in.
# Usage: scripts/sanitize.sh        (after scripts/setup-debian.sh has installed the packages)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/clang-build.sh
build=$clang_build
echo "== Sanitizers: building with clang, ASan and UBSan, in $build"
clang_build_configure
cmake --build "$build" -j"$(nproc)" --target painmdt domain_tests storage_tests interchange_tests reporting_tests \
  ui_tests cli_tests fuzz_csv fuzz_instrument fuzz_import
echo "== Sanitizers: the test suite"
# Leaks are reported by a separate run (Qt and fontconfig keep caches until exit on purpose).
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen
(cd "$build" && ctest --output-on-failure -j"$(nproc)" --timeout 900 -E "^packaging: ")
