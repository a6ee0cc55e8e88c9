#!/usr/bin/env bash
# Issue 12: the storage, service, import, report and command-line suites again, on a throwaway
# PostgreSQL 15 (scripts/with-postgres.sh; stopped whatever the tests return). Tests tagged
# [sqlite] look at SQLite itself (its pragmas, files, backups, crash recovery) and are left out;
# those tagged [restart] restart the server, so they run alone at the end.
# Two lanes at once: the tests mostly wait on the server (each makes its own database).
# Usage: scripts/test-postgres.sh [BUILD_DIR]   (default build/RelWithDebInfo)
set -euo pipefail
cd "$(dirname "$0")/.."
export PAINMDT_PG_BUILD=${1:-build/RelWithDebInfo} QT_QPA_PLATFORM=offscreen
exec scripts/with-postgres.sh bash -c '
  suites() {
    for suite in "$@"; do
      start=$(date +%s)
      log=$(mktemp /tmp/painmdt-pg-$suite.XXXXXX)
      if ! "$PAINMDT_PG_BUILD/tests/$suite" "~[sqlite]~[restart]" >"$log" 2>&1; then
        tail -80 "$log"; echo "== $suite FAILED on PostgreSQL"; return 1
      fi
      echo "   $suite: $(tail -2 "$log" | head -1) ($(( $(date +%s) - start )) s)"
      rm -f "$log"
    done
  }
  suites interchange_tests & lane=$!
  suites storage_tests cli_tests reporting_tests; first=$?
  wait $lane; second=$?
  # Alone, after the rest: restarting the server ends every connection to it.
  restart=0; log=$(mktemp /tmp/painmdt-pg-restart.XXXXXX)
  if "$PAINMDT_PG_BUILD/tests/storage_tests" "[restart]" >"$log" 2>&1; then
    echo "   storage_tests [restart]: $(tail -2 "$log" | head -1)"
  else
    tail -40 "$log"; echo "== the server restart test FAILED"; restart=1
  fi
  rm -f "$log"
  exit $(( first || second || restart ))'
