#!/usr/bin/env bash
# Sets everything up on Debian 12, builds, and runs every test (offscreen; no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh RelWithDebInfo
export QT_QPA_PLATFORM=offscreen
cd build/RelWithDebInfo
ctest --output-on-failure -j"$(nproc)" --timeout 300
