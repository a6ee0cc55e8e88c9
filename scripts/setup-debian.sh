#!/usr/bin/env bash
# Installs what PainMDT needs on Debian 12 (apt only) and builds it into build/<type>.
# Usage: scripts/setup-debian.sh [Release|RelWithDebInfo|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-Release}

packages=(cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
  qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libgl-dev libxkbcommon-dev catch2 libspdlog-dev libfmt-dev libsodium-dev
  fonts-dejavu-core xvfb xauth poppler-utils sqlite3 libsqlite3-dev)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B "build/$type" -G Ninja -DCMAKE_BUILD_TYPE="$type" >/dev/null
cmake --build "build/$type" -j"$(nproc)"
