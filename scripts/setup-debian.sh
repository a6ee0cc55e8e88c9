#!/usr/bin/env bash
# Installs what PainMDT needs on Debian 12 (apt only) and builds it into build/<type>.
# Usage: scripts/setup-debian.sh [RelWithDebInfo|Release|Debug]
# The two README commands share one build (RelWithDebInfo): the second reuses what the first made.
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-RelWithDebInfo}

packages=(cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins
  qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libgl-dev libxkbcommon-dev catch2 libspdlog-dev libfmt-dev libsodium-dev
  fonts-dejavu-core xvfb xauth poppler-utils sqlite3 libsqlite3-dev
  help2man man-db desktop-file-utils appstream dpkg-dev file lintian debootstrap
  clang libclang-rt-14-dev libpq-dev postgresql-15)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== Installing ${#missing[@]} Debian packages PainMDT needs: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
    echo "   (through sudo: it may ask for your password)"
  else
    echo "This needs root to install packages, and sudo is not installed. Ask an administrator to run:" >&2
    echo "    apt-get update && apt-get install --no-install-recommends ${missing[*]}" >&2
    echo "then run this command again." >&2
    exit 1
  fi
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

echo "== Configuring and building PainMDT ($type) in build/$type, on $(nproc) cores"
cmake -S . -B "build/$type" -G Ninja -DCMAKE_BUILD_TYPE="$type" >/dev/null
cmake --build "build/$type" -j"$(nproc)"

bin="$PWD/build/$type/src"
cat <<EOF
== Built: $bin/painmdt
   To type 'painmdt' anywhere in this shell:   export PATH="$bin:\$PATH"
   Or make the Debian package and install it:  (cd build/$type && cpack -G DEB) && sudo apt install ./build/$type/painmdt_*.deb
EOF
