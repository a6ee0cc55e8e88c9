# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: the one clang build both use (ADR 0026).
# Everything is compiled with ASan, UBSan and libFuzzer's coverage hooks (fuzzer-no-link), so the
# sanitizer suite and the fuzz targets share one build in build/asan instead of compiling the
# layers twice; the hooks are no-ops outside a fuzz target (the sanitizer runtime defines them).
clang_build=build/asan
clang_build_configure() {
  local flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1 -g1"
  cmake -S . -B "$clang_build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DPAINMDT_FUZZ=ON >/dev/null
}
