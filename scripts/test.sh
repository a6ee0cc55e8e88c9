#!/usr/bin/env bash
# Sets everything up on Debian 12, builds, and runs every test (offscreen; no display needed),
# the storage, import, report and command-line tests on a throwaway PostgreSQL
# (scripts/test-postgres.sh), then every
# test again under ASan and UBSan (scripts/sanitize.sh), then the fuzzers for a bounded time
# (scripts/fuzz.sh), then, as root, installs the Debian package in a clean Debian 12 root
# (scripts/package-test.sh). PAINMDT_SKIP_SANITIZERS=1 leaves out the sanitizer run (about 14 min).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh RelWithDebInfo
export QT_QPA_PLATFORM=offscreen
echo "== Running the tests"
(cd build/RelWithDebInfo && ctest --output-on-failure -j"$(nproc)" --timeout 300)
echo "== The storage, import, report and command-line tests on PostgreSQL"
scripts/test-postgres.sh
if [ -n "${PAINMDT_SKIP_SANITIZERS:-}" ]; then
  echo "== PAINMDT_SKIP_SANITIZERS is set: the sanitizer run was skipped"
else
  scripts/sanitize.sh
fi
scripts/fuzz.sh "${PAINMDT_FUZZ_SECONDS:-60}"
if [ -n "${PAINMDT_SKIP_PACKAGE_TEST:-}" ]; then
  echo "== PAINMDT_SKIP_PACKAGE_TEST is set: the package install test was skipped"
elif [ "$(id -u)" -eq 0 ]; then
  scripts/package-test.sh
else
  echo "== Not root: the package install test (a clean Debian 12 root) was skipped; run: sudo scripts/package-test.sh"
fi
