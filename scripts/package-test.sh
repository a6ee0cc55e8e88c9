#!/usr/bin/env bash
# Builds the Debian package and tries it as a new user's machine would: installed with apt into a
# clean Debian 12 root (debootstrap), run from PATH (--version, a demo database, a PDF report, man
# and bash completion files in place), then purged, leaving no file behind.
# Usage: scripts/package-test.sh            (as root: it uses chroot; scripts/test.sh runs it)
# PAINMDT_DEBIAN_MIRROR picks the mirror (default: http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "package-test: needs root for chroot; run it as: sudo $0" >&2
  exit 1
fi
mirror=${PAINMDT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
build=build/RelWithDebInfo
root=$PWD/build/package-root
exec 9>"$PWD/build/package-test.lock"
flock -n 9 || { echo "package-test: another run is using $root" >&2; exit 1; }

# Through sudo, the build stays its owner's: only debootstrap and chroot need root.
as_owner() { if [ -n "${SUDO_USER:-}" ]; then sudo -u "$SUDO_USER" -- "$@"; else "$@"; fi; }

cleanup() {
  umount -R "$root/proc" 2>/dev/null || true
  if findmnt -R -n -o TARGET "$root" >/dev/null 2>&1 || grep -q " $root/" /proc/mounts; then
    echo "package-test: something is still mounted under $root; left in place" >&2
    return 1
  fi
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT

echo "== package-test: making the package"
[ -x "$build/src/painmdt" ] || as_owner scripts/setup-debian.sh RelWithDebInfo
(cd "$build" && as_owner rm -f painmdt_*.deb && as_owner cpack -G DEB >/dev/null)
deb=$(ls "$build"/painmdt_*.deb)
lintian --fail-on error "$deb"

echo "== package-test: a clean Debian 12 root from $mirror"
cleanup
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$build/debootstrap.log" 2>&1 ||
  { tail -20 "$build/debootstrap.log"; exit 1; }
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/"
proxies=()
for name in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -n "${!name:-}" ] && proxies+=("$name=${!name}")
done
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "${proxies[@]}" "$@"; }

echo "== package-test: apt install ./$(basename "$deb")"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" \
  >"$build/package-install.log" 2>&1 || { tail -30 "$build/package-install.log"; exit 1; }

echo "== package-test: running painmdt from PATH"
in_root sh -ec '
  command -v painmdt
  painmdt --version
  painmdt import --help | head -1 | grep -q "^Usage: painmdt import \[options\] FILE.csv"
  export PAINMDT_USER=demo.admin PAINMDT_PASSWORD=painmdt-demo
  painmdt demo --db /tmp/demo.sqlite --patients 300
  painmdt report triage --db /tmp/demo.sqlite --format pdf --out /tmp/triage.pdf
  head -c 5 /tmp/triage.pdf | grep -q "%PDF-"
  painmdt report waiting-times --db /tmp/demo.sqlite --format csv --out /tmp/waiting.csv
  head -3 /tmp/waiting.csv
  for f in /usr/share/applications/org.painmdt.PainMDT.desktop /usr/share/metainfo/org.painmdt.PainMDT.metainfo.xml \
           /usr/share/icons/hicolor/scalable/apps/org.painmdt.PainMDT.svg /usr/share/man/man1/painmdt.1.gz \
           /usr/share/man/man1/painmdt-import.1.gz /usr/share/bash-completion/completions/painmdt \
           /usr/share/painmdt/instruments/startback.json /usr/share/doc/painmdt/user-guide.md \
           /usr/share/painmdt/examples/patients.csv /usr/share/doc/painmdt/copyright; do
    [ -s "$f" ] || { echo "missing from the package: $f"; exit 1; }
  done
'
echo "== package-test: the app itself starts (offscreen) on a demo, and a SIGTERM removes the demo"
in_root sh -ec '
  status=0
  QT_QPA_PLATFORM=offscreen timeout 15 painmdt --demo --patients 50 2>/tmp/gui.log || status=$?
  [ "$status" -eq 124 ] || { echo "painmdt --demo ended by itself ($status) instead of waiting at the log-in:"; cat /tmp/gui.log; exit 1; }
  [ ! -e /root/.cache/PainMDT/PainMDT/demo.sqlite ] || { echo "the demo database was left behind"; exit 1; }
'
echo "== package-test: the sample files import from where the package puts them"
in_root sh -ec '
  export PAINMDT_USER=new.admin PAINMDT_PASSWORD=new-admin-pass
  examples=/usr/share/painmdt/examples
  cd /root
  painmdt init --db ~/team.sqlite
  for kind in patients referrals contacts assessments attendances tariff service-costs; do
    painmdt import --db ~/team.sqlite --kind $kind $examples/$kind.csv
  done
'

echo "== package-test: apt purge"
in_root dpkg -L painmdt | grep -v '^/\.$' >"$build/package-files.txt"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq painmdt >"$build/package-purge.log" 2>&1 ||
  { cat "$build/package-purge.log"; exit 1; }
left=0
while read -r path; do
  if [ -f "$root$path" ]; then echo "left behind: $path"; left=1; fi
done <"$build/package-files.txt"
[ "$left" -eq 0 ]
if in_root sh -c 'command -v painmdt' >/dev/null; then echo "painmdt is still on PATH after the purge"; exit 1; fi
echo "== package-test: passed ($(wc -l <"$build/package-files.txt") paths installed and removed)"
