#!/usr/bin/env bash
# heartbeat-node.sh: the real Heartbeat 3.0.6 as a long-running cluster node, fully isolated.
#
#   heartbeat-node.sh start WORK NODE NETNS [--resources]
#                                             start Heartbeat as node NODE inside the existing network
#                                             namespace NETNS, on WORK/etc/{ha.cf,haresources,
#                                             authkeys} (and WORK/etc/resource.d); returns once its
#                                             master control process runs and prints that process's
#                                             PID (host view). --resources: Heartbeat really starts
#                                             and stops its resources (the failover race) with the
#                                             real ResourceManager, defused (below)
#   heartbeat-node.sh exec WORK CMD [ARG...]  run CMD inside Heartbeat's namespaces (mount, UTS, PID,
#                                             network), e.g. `cl_status nodestatus n2`, which needs
#                                             the API socket under Heartbeat's private /run
#   heartbeat-node.sh kill WORK [SIGNAL]      SIGKILL (or SIGNAL, e.g. TERM: Heartbeat then gives its
#                                             resources up and exits) Heartbeat's master control
#                                             process, by the PID recorded at start (checked to still
#                                             be it)
#   heartbeat-node.sh stop WORK               SIGKILL the namespace's init (by recorded PID): the
#                                             kernel then kills everything left in there
#   heartbeat-node.sh logs WORK               Heartbeat's log files and stderr, each line prefixed
#
# Isolation, as engine/src/test/sh/heartbeat-verdict.sh does it (nothing of the host is touched):
#   - the network namespace NETNS only (made by the caller, e.g. netns-pair.sh);
#   - new mount, UTS, IPC and PID namespaces (unshare --kill-child): hostname NODE; private copies
#     of /etc/ha.d (the files of WORK/etc), /var/lib/heartbeat (emptied: no uuid, generation or
#     host cache of anyone) and /usr/share/heartbeat, whose ResourceManager is replaced by a stub
#     that only logs, so nothing can run `pkill -9 heartbeat` or `reboot -nf` (with --resources:
#     the real one, whose RecoverFromFailedStop, the step that does both when a resource fails to
#     stop, is replaced by a log line; start refuses to run if the copy could still do either);
#     tmpfs on /run
#     (= /var/run); WORK/log on /var/log, so that `logfile /var/log/ha-log` and `debugfile
#     /var/log/ha-debug` in ha.cf land in WORK/log;
#   - the shell that starts Heartbeat is PID 1 of the PID namespace and ends when Heartbeat's
#     master process ends: the kernel then kills Heartbeat's children. Nothing is killed by name.
#
# State kept in WORK/hb: init.pid (host PID of the namespace's init), master.pid (host PID of
# Heartbeat's master control process), inner.out, hb.stdout, hb.stderr, rm.log (what the stub
# ResourceManager was asked).
set -euo pipefail

HEARTBEAT=/usr/libexec/heartbeat/heartbeat
die() { echo "heartbeat-node: $*" >&2; exit 2; }

# host_pid_of INIT NSPID: the host PID of the process with PID NSPID in the PID namespace of INIT.
host_pid_of() {
  local init=$1 nspid=$2 p
  local ns
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
        '  ha_log "CRIT: Resource STOP failure. Reboot required! (heartbeat-node.sh --resources: this copy only'
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
  local work node netns resources=${4:-}
  work=$(readlink -f -- "$1") node=$2 netns=$3
  [[ -z $resources || $resources == --resources ]] || die "unknown option: $resources"
  [[ $node =~ ^[a-z0-9._-]+$ ]] || die "bad node name (lower case): $node"
  [[ $(id -u) -eq 0 ]] || die "must run as root (mount and PID namespaces)"
  [[ -x $HEARTBEAT ]] || die "$HEARTBEAT missing: apt-get install heartbeat (./run-tests does)"
  ip netns exec "$netns" true || die "no network namespace $netns"
  for f in ha.cf haresources authkeys; do
    [[ -f $work/etc/$f ]] || die "missing $work/etc/$f"
  done
  local hb=$work/hb
  rm -rf -- "$hb"
  mkdir -p "$hb" "$work/log"

  cp -a /etc/ha.d "$hb/etc-ha.d"
  cp "$work/etc/ha.cf" "$work/etc/haresources" "$work/etc/authkeys" "$hb/etc-ha.d/"
  chown root:root "$hb/etc-ha.d"/*
  chmod 600 "$hb/etc-ha.d/authkeys"
  cp -a /var/lib/heartbeat "$hb/var-lib-heartbeat"
  find "$hb/var-lib-heartbeat" -type f -delete
  if [[ -d $work/etc/resource.d ]]; then
    cp "$work"/etc/resource.d/* "$hb/etc-ha.d/resource.d/"
  fi
  cp -a /usr/share/heartbeat "$hb/usr-share-heartbeat"
  if [[ -n $resources ]]; then
    defuse "$hb/usr-share-heartbeat"
  else
    cat >"$hb/usr-share-heartbeat/ResourceManager" <<'STUB'
#!/bin/sh
# heartbeat-node.sh: stand-in for ResourceManager; it only records what it was asked.
echo "ResourceManager $*" >>/run/hb-node-rm.log
exit 0
STUB
    chmod 755 "$hb/usr-share-heartbeat/ResourceManager"
  fi

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
status=$?
echo "heartbeat exited with status $status" >>"$hb/hb.stderr"
# Heartbeat restarts itself (after a partition heals, for one) by exec'ing itself, and the new one
# daemonizes: the process waited for exits 0 while a new master control process runs, reparented
# to us. Stay PID 1 while one does (this namespace's own /proc), and record it for `kill`.
if [[ $status -eq 0 ]]; then
  for ((tries = 0; tries < 10; tries++)); do
    master=
    for p in /proc/[0-9]*; do
      # the new one, before and after it names itself
      if tr '\0' ' ' <"$p/cmdline" 2>/dev/null |
        grep -Eq '^(heartbeat: master control process|/usr/libexec/heartbeat/heartbeat )'; then
        master=${p#/proc/}
        break
      fi
    done
    if [[ -n $master ]]; then
      tries=0
      if [[ $master != $(cat "$hb/master.nspid") ]]; then
        echo "$master" >"$hb/master.nspid"
        echo "heartbeat restarted itself: master control process $master" >>"$hb/hb.stderr"
      fi
    fi
    sleep 0.2
  done
fi
cp /run/hb-node-rm.log "$hb/rm.log" 2>/dev/null
# returning ends PID 1: the kernel kills whatever Heartbeat left behind (its services too)
INNER
  chmod 755 "$hb/inner.sh"

  # setsid and ip netns exec exec(3) in place, so $! is unshare's PID; its child is the init.
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
  logs "$work" >&2 || true
  stop "$work" || true
  die "Heartbeat did not reach its main loop within 15 s (logs above)"
}

in_ns() {
  local work=$1
  shift
  local init
  init=$(cat "$work/hb/init.pid" 2>/dev/null) || die "not started: $work"
  kill -0 "$init" 2>/dev/null || die "Heartbeat's namespace is gone (init $init)"
  nsenter --target "$init" --mount --uts --pid --net --ipc -- "$@"
}

kill_master() {
  local work=$1 signal=${2:-KILL} master init
  [[ $signal =~ ^[A-Z0-9]+$ ]] || die "bad signal: $signal"
  master=$(cat "$work/hb/master.pid" 2>/dev/null) || die "not started: $work"
  if ! is_master "$master"; then # it restarted itself (inner.sh recorded the new one)
    init=$(cat "$work/hb/init.pid") || die "not started: $work"
    master=$(host_pid_of "$init" "$(cat "$work/hb/master.nspid")") || master=
    [[ -n $master ]] && echo "$master" >"$work/hb/master.pid"
  fi
  is_master "$master" || die "PID $master is no longer Heartbeat's master control process"
  kill -"$signal" "$master"
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

logs() {
  local work=$1 f
  for f in "$work"/log/* "$work"/hb/hb.stderr "$work"/hb/hb.stdout "$work"/hb/inner.out \
    "$work"/hb/rm.log; do
    [[ -s $f ]] && sed "s|^|${f##*/}: |" "$f"
  done
  return 0
}

[[ $# -ge 2 ]] || die "usage: heartbeat-node.sh start WORK NODE NETNS [--resources] | exec WORK CMD... | kill WORK [SIGNAL] | stop WORK | logs WORK"
action=$1
shift
case $action in
  start) [[ $# -eq 3 || $# -eq 4 ]] || die "usage: heartbeat-node.sh start WORK NODE NETNS [--resources]"; start "$@" ;;
  exec) in_ns "$@" ;;
  kill) kill_master "$@" ;;
  stop) stop "$1" ;;
  logs) logs "$1" ;;
  *) die "unknown action: $action" ;;
esac
