#!/usr/bin/env bash
# The bash completion offers every option each command's --help lists, and every command.
# Usage: completion.sh PAINMDT COMPLETION_FILE
set -euo pipefail
painmdt=$1 completion=$2
status=0
commands=$(sed -n 's/^ *local commands="\(.*\)"/\1/p' "$completion")
for command in demo import report pathways instruments init audit user settings; do
  [[ " $commands " == *" $command "* ]] || { echo "the completion does not offer the command $command"; status=1; }
  for option in $(QT_QPA_PLATFORM=offscreen "$painmdt" "$command" --help | grep -oE '^ +(-[a-z?], )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
    [[ $option == --help-all ]] && continue # Qt's own, for Qt's options
    grep -qE -- "(^|[ \"])$option([ \"|)]|$)" "$completion" || { echo "painmdt $command $option: not in the completion"; status=1; }
  done
done
exit $status
