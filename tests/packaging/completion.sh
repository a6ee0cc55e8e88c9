#!/usr/bin/env bash
# The bash completion offers every command, every option each command's --help lists, and the
# words its help names: report names, user actions, import kinds.
# Usage: completion.sh PAINMDT COMPLETION_FILE
set -euo pipefail
painmdt=$1 completion=$2
status=0
missing() { echo "$*"; status=1; }

# The words a help text lists after a marker, up to the full stop ("The report: a, b, c.").
listed() { tr '\n' ' ' <<<"$1" | sed -n "s/.*$2\([^.]*\)\..*/\1/p" | tr -s ', ' '\n\n' | grep -v '^or$' | grep -v '^$'; }
# The completion's line that offers both the first and the last of the words.
offered() { grep -F -- "$1" "$completion" | grep -F -- "$2" | head -1; }

commands=$(sed -n 's/^ *local commands="\(.*\)"/\1/p' "$completion")
[ -n "$commands" ] || missing "no command list in $completion"
# The commands as `painmdt --help` lists them (from the one table in src/cli/cli.cpp).
listed_commands=$(QT_QPA_PLATFORM=offscreen "$painmdt" --help | sed -n '/^Commands/,/^$/s/^  \([a-z-]*\) .*/\1/p')
[ "$(wc -l <<<"$listed_commands")" -ge 13 ] || missing "painmdt --help lists too few commands: $listed_commands"
for command in $listed_commands; do
  [[ " $commands " == *" $command "* ]] || missing "the completion does not offer the command $command"
  help=$(QT_QPA_PLATFORM=offscreen "$painmdt" "$command" --help) || { missing "painmdt $command --help failed"; continue; }
  options=$(grep -oE '^ +(-[a-z?], )?--[a-z-]+' <<<"$help" | grep -oE -- '--[a-z-]+' | grep -vx -- '--help-all' || true)
  [ -n "$options" ] || missing "painmdt $command --help lists no option"
  for option in $options; do
    grep -qE -- "(^|[ \"])$option([ \"|)]|$)" "$completion" || missing "painmdt $command $option: not in the completion"
  done
done

check_words() { # what a command's help lists against the completion line that offers one of them
  local words line
  words=$(listed "$1" "$2")
  [ -n "$words" ] || { missing "nothing listed after '$2'"; return; }
  line=$(offered "$(head -1 <<<"$words")" "$(tail -1 <<<"$words")")
  for word in $words; do
    [[ " $line " == *" $word "* || " $line " == *"\"$word "* || " $line " == *" $word\""* ]] ||
      missing "the completion does not offer '$word' (listed after '$2')"
  done
}
export QT_QPA_PLATFORM=offscreen
check_words "$("$painmdt" report --help)" "The report: "
check_words "$("$painmdt" user --help)" "ACTION *"
check_words "$("$painmdt" import --help)" "What the file holds: "
exit $status
