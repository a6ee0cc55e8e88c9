#!/usr/bin/env bash
# Sets everything up on Debian 12, builds, and runs every test (offscreen; no display needed),
# then every test again under ASan and UBSan (scripts/sanitize.sh), then the storage, import,
# report and command-line tests on a throwaway PostgreSQL (scripts/test-postgres.sh) while the
# fuzzers run for a bounded time (scripts/fuzz.sh), then, as root, installs the Debian package in
# a clean Debian 12 root (scripts/package-test.sh). PAINMDT_SKIP_SANITIZERS=1 leaves out the sanitizer run (about 14 min).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh RelWithDebInfo
export QT_QPA_PLATFORM=offscreen
echo "== Running the tests"
(cd build/RelWithDebInfo && ctest --output-on-failure -j"$(nproc)" --timeout 300)
if [ -n "${PAINMDT_SKIP_SANITIZERS:-}" ]; then
  echo "== PAINMDT_SKIP_SANITIZERS is set: the sanitizer run was skipped"
else
  scripts/sanitize.sh
fi
# A fuzzer keeps one core busy for a fixed time while the PostgreSQL tests mostly wait on the
# server: run side by side, they cost the time of the longer (ADR 0026).
fuzz_log=$(mktemp /tmp/painmdt-fuzz.XXXXXX)
scripts/fuzz.sh "${PAINMDT_FUZZ_SECONDS:-60}" >"$fuzz_log" 2>&1 & fuzzing=$!
echo "== The storage, import, report and command-line tests on PostgreSQL (the fuzzers run meanwhile)"
postgres=0; scripts/test-postgres.sh || postgres=$?
fuzz=0; wait $fuzzing || fuzz=$?
cat "$fuzz_log"; rm -f "$fuzz_log"
[ $postgres -eq 0 ] || { echo "== The PostgreSQL tests failed"; exit $postgres; }
[ $fuzz -eq 0 ] || { echo "== Fuzzing failed"; exit $fuzz; }
if [ -n "${PAINMDT_SKIP_PACKAGE_TEST:-}" ]; then
  echo "== PAINMDT_SKIP_PACKAGE_TEST is set: the package install test was skipped"
elif [ "$(id -u)" -eq 0 ]; then
  scripts/package-test.sh
else
  echo "== Not root: the package install test (a clean Debian 12 root) was skipped; run: sudo scripts/package-test.sh"
fi
