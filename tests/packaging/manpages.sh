#!/usr/bin/env bash
# Every man page renders, without a warning, and names its command as the user types it.
# Usage: manpages.sh PAINMDT MAN_DIR
set -euo pipefail
painmdt=$1 dir=$2
status=0
# The commands as `painmdt --help` lists them (from the one table in src/cli/cli.cpp).
commands=$(QT_QPA_PLATFORM=offscreen "$painmdt" --help | sed -n '/^Commands/,/^$/s/^  \([a-z-]*\) .*/\1/p')
[ "$(wc -l <<<"$commands")" -ge 13 ] || { echo "painmdt --help lists too few commands: $commands"; exit 1; }
for command in "" $commands; do
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
