#!/usr/bin/env bash
# record-heartbeat-verdicts.sh [CASE_DIR...]
#
# Runs heartbeat-verdict.sh on each differential case (default: all of
# engine/src/test/resources/config/differential/*) and writes the observed verdict into the case's
# case.properties as `heartbeat=ACCEPT|REFUSE`, so that a reader sees it without running Heartbeat.
# HeartbeatDifferentialIT checks that the recorded verdict still holds. Run as root.
set -euo pipefail
here=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")
corpus=$here/../resources/config/differential
(($#)) || set -- "$corpus"/*/
for dir in "$@"; do
  dir=${dir%/}
  props=$dir/case.properties
  node=$(sed -n 's/^node=//p' "$props")
  verdict=$("$here/heartbeat-verdict.sh" "$dir" "$node" 2>/dev/null)
  sed -i '/^heartbeat=/d' "$props"
  echo "heartbeat=$verdict" >>"$props"
  printf '%-45s %s\n' "$(basename -- "$dir")" "$verdict"
done
