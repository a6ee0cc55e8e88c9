#!/usr/bin/env bash
# Sets everything up on Debian 12, builds, and opens PainMDT on a freshly generated demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh RelWithDebInfo
painmdt=build/RelWithDebInfo/src/painmdt
echo "== Opening PainMDT on a demo database of invented patients (removed when you close it)"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: starting PainMDT under Xvfb (nothing will be visible)." >&2
  exec xvfb-run -a -s '-screen 0 1400x900x24' "$painmdt" --demo "$@"
fi
exec "$painmdt" --demo "$@"
