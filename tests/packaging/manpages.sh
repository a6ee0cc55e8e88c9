#!/usr/bin/env bash
# Every man page renders, without a warning, and names its command as the user types it.
# Usage: manpages.sh MAN_DIR
set -euo pipefail
dir=$1
status=0
for command in "" demo import report pathways instruments init audit check user settings; do
  page=$dir/painmdt${command:+-$command}.1.gz
  [ -s "$page" ] || { echo "missing: $page"; status=1; continue; }
  text=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" 2>"$dir/warnings.txt")
  if [ -s "$dir/warnings.txt" ]; then echo "$page:"; cat "$dir/warnings.txt"; status=1; fi
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS; do
    grep -q "^$section" <<<"$text" || { echo "$page has no $section"; status=1; }
  done
  grep -q "painmdt${command:+ $command} \[options\]" <<<"$text" || { echo "$page: no 'painmdt${command:+ $command} [options]'"; status=1; }
done
exit $status
