#!/usr/bin/env bash
# Sets everything up on Debian 12, builds, and opens PainMDT on a freshly generated demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh Release
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: starting PainMDT under Xvfb (nothing will be visible)." >&2
  exec xvfb-run -a -s '-screen 0 1400x900x24' build/Release/src/painmdt --demo "$@"
fi
exec build/Release/src/painmdt --demo "$@"
