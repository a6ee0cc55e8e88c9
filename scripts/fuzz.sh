#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address and undefined-behaviour sanitizers) and runs
# each for a bounded time from its seed corpus in tests/fuzz/corpus (issue 11). A crash, a
# sanitizer finding or a broken promise fails the run and leaves the input in build/asan.
# Usage: scripts/fuzz.sh [SECONDS per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
. scripts/clang-build.sh
build=$clang_build # after scripts/sanitize.sh, the targets are already built
echo "== Fuzzing: building the targets with clang in $build"
clang_build_configure
cmake --build "$build" -j"$(nproc)" --target fuzz_csv fuzz_instrument fuzz_import
for target in csv instrument import; do
  corpus=$build/corpus-$target # the seeds stay as committed; what the run finds goes here
  mkdir -p "$corpus"
  echo "== Fuzzing fuzz_$target for $seconds s"
  (cd "$build" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 QT_QPA_PLATFORM=offscreen \
    "./tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "corpus-$target" "../../tests/fuzz/corpus/$target" 2>&1 | tail -12)
done
