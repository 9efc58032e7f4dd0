#!/usr/bin/env bash
# heartbeat-ns.sh: the real Heartbeat 3.0.6 as one contender node of the failover race, running its
# resources for real (haresources mode: IPaddr2 from resource-agents, websvc), fully isolated.
#
#   heartbeat-ns.sh start WORK NODE NETNS   start Heartbeat as node NODE inside the existing network
#                                           namespace NETNS, on WORK/etc/{ha.cf,haresources,authkeys}
#                                           and the scripts in WORK/etc/resource.d; prints the host
#                                           PID of its master control process once it runs
#   heartbeat-ns.sh stop WORK               SIGKILL the namespace's init (by recorded PID): the
#                                           kernel then kills everything left in there
#
# Derived from tools/src/test/sh/heartbeat-node.sh (same namespaces: mount, UTS, IPC, PID; private
# /etc/ha.d, /var/lib/heartbeat, /run, /var/log). The difference: that script stubs ResourceManager
# out, and the race needs Heartbeat to start and stop its resources. So the private copy of
# /usr/share/heartbeat keeps the real ResourceManager, with one change: RecoverFromFailedStop
# (`pkill -9 heartbeat` and `reboot -nf` when a resource fails to stop) only logs. The script
# checks that the change took and refuses to start otherwise. Nothing is killed by name.
#
# State kept in WORK/hb: init.pid (host PID of the namespace's init), master.pid, unshare.pid,
# hb.stdout, hb.stderr, inner.out; Heartbeat's own log goes to WORK/log/ha-log.
set -euo pipefail

HEARTBEAT=/usr/libexec/heartbeat/heartbeat
die() { echo "heartbeat-ns: $*" >&2; exit 2; }

# host_pid_of INIT NSPID: the host PID of the process with PID NSPID in the PID namespace of INIT.
host_pid_of() {
  local init=$1 nspid=$2 p ns
  ns=$(readlink "/proc/$init/ns/pid") || return 1
  for p in $(cat /proc/"$init"/task/*/children 2>/dev/null); do
    [[ $(readlink "/proc/$p/ns/pid" 2>/dev/null) == "$ns" ]] || continue
    if awk -v want="$nspid" '/^NSpid:/ { exit ($NF == want) ? 0 : 1 }' "/proc/$p/status" 2>/dev/null
    then
      echo "$p"
      return 0
    fi
  done
  return 1
}

is_master() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'master control process'; }

# defuse DIR: DIR/ResourceManager's RecoverFromFailedStop only logs; fails if it still could
# kill or reboot.
defuse() {
  local rm=$1/ResourceManager
  python3 - "$rm" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
safe = ('RecoverFromFailedStop() {\n'
        '  ha_log "CRIT: Resource STOP failure. Reboot required! (failover race: this copy only'
        ' logs; the real one kills heartbeat and reboots the machine here)"\n'
        '}\n')
text, n = re.subn(r'RecoverFromFailedStop\(\) \{\n.*?\n\}\n', safe, text, count=1, flags=re.S)
if n != 1:
    sys.exit("RecoverFromFailedStop not found in " + path)
open(path, "w").write(text)
PY
  if grep -Eq 'pkill|reboot -nf|init 6' "$rm"; then
    die "$rm can still kill or reboot after the edit; refusing to run it"
  fi
}

start() {
  local work node netns
  work=$(readlink -f -- "$1") node=$2 netns=$3
  [[ $node =~ ^[a-z0-9._-]+$ ]] || die "bad node name (lower case): $node"
  [[ $(id -u) -eq 0 ]] || die "run as root (mount and PID namespaces)"
  [[ -x $HEARTBEAT ]] || die "$HEARTBEAT missing: apt-get install heartbeat"
  ip netns exec "$netns" true || die "no network namespace $netns"
  for f in ha.cf haresources authkeys; do
    [[ -f $work/etc/$f ]] || die "missing $work/etc/$f"
  done
  local hb=$work/hb
  rm -rf -- "$hb"
  mkdir -p "$hb" "$work/log"

  cp -a /etc/ha.d "$hb/etc-ha.d"
  cp "$work/etc/ha.cf" "$work/etc/haresources" "$work/etc/authkeys" "$hb/etc-ha.d/"
  if [[ -d $work/etc/resource.d ]]; then
    cp "$work"/etc/resource.d/* "$hb/etc-ha.d/resource.d/"
  fi
  chown root:root "$hb/etc-ha.d"/*
  chmod 600 "$hb/etc-ha.d/authkeys"
  cp -a /var/lib/heartbeat "$hb/var-lib-heartbeat"
  find "$hb/var-lib-heartbeat" -type f -delete
  cp -a /usr/share/heartbeat "$hb/usr-share-heartbeat"
  defuse "$hb/usr-share-heartbeat"

  cat >"$hb/inner.sh" <<'INNER'
#!/bin/bash
# PID 1 of a fresh PID namespace, in a private mount namespace, inside the node's netns.
set -u
hb=$1 work=$2 node=$3
hostname "$node"
mount --bind "$hb/etc-ha.d" /etc/ha.d
mount --bind "$hb/var-lib-heartbeat" /var/lib/heartbeat
mount --bind "$hb/usr-share-heartbeat" /usr/share/heartbeat
mount -t tmpfs -o mode=755 tmpfs /run
mount --bind "$work/log" /var/log
install -d -m 1777 /run/lock
install -d -m 0755 /run/resource-agents
install -d -m 0750 -o hacluster -g haclient /run/heartbeat /run/heartbeat/ccm /run/heartbeat/crm \
  /run/heartbeat/dopd /run/heartbeat/rsctmp /run/crm
/usr/libexec/heartbeat/heartbeat -f </dev/null >"$hb/hb.stdout" 2>"$hb/hb.stderr" &
echo $! >"$hb/master.nspid"
wait $!
echo "heartbeat exited with status $?" >>"$hb/hb.stderr"
# returning ends PID 1: the kernel kills whatever Heartbeat left behind (its websvc too)
INNER
  chmod 755 "$hb/inner.sh"

  setsid ip netns exec "$netns" unshare --mount --uts --ipc --pid --fork --kill-child \
    --mount-proc --propagation private "$hb/inner.sh" "$hb" "$work" "$node" \
    </dev/null >"$hb/inner.out" 2>&1 &
  local unshare=$! init= master= deadline=$((SECONDS + 15))
  echo "$unshare" >"$hb/unshare.pid"
  while ((SECONDS < deadline)); do
    kill -0 "$unshare" 2>/dev/null || break
    if [[ -z $init ]]; then
      init=$(cat /proc/"$unshare"/task/*/children 2>/dev/null | awk '{ print $1 }')
      [[ -n $init ]] && echo "$init" >"$hb/init.pid"
    fi
    if [[ -n $init && -z $master && -s $hb/master.nspid ]]; then
      master=$(host_pid_of "$init" "$(cat "$hb/master.nspid")") || master=
    fi
    if [[ -n $master ]] && is_master "$master"; then
      echo "$master" >"$hb/master.pid"
      echo "$master"
      return 0
    fi
    sleep 0.05
  done
  cat "$hb/hb.stderr" "$hb/inner.out" >&2 2>/dev/null || true
  stop "$work" || true
  die "Heartbeat did not reach its main loop within 15 s (stderr above)"
}

stop() {
  local work=$1 init unshare
  init=$(cat "$work/hb/init.pid" 2>/dev/null || true)
  unshare=$(cat "$work/hb/unshare.pid" 2>/dev/null || true)
  # Only if it still is the init of a PID namespace other than ours (the PID may have been reused).
  if [[ -n $init && $(readlink "/proc/$init/ns/pid" 2>/dev/null) != "$(readlink /proc/self/ns/pid)" ]]
  then
    kill -9 "$init" 2>/dev/null || true
  fi
  if [[ -n $unshare ]]; then
    for _ in $(seq 100); do
      kill -0 "$unshare" 2>/dev/null || break
      sleep 0.05
    done
  fi
}

[[ $# -ge 2 ]] || die "usage: heartbeat-ns.sh start WORK NODE NETNS | stop WORK"
action=$1
shift
case $action in
  start) [[ $# -eq 3 ]] || die "usage: heartbeat-ns.sh start WORK NODE NETNS"; start "$@" ;;
  stop) stop "$1" ;;
  *) die "unknown action: $action" ;;
esac
