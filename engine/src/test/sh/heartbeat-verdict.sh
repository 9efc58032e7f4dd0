#!/usr/bin/env bash
# heartbeat-verdict.sh CASE_DIR NODE
#
# Starts the real Heartbeat 3.0.6 (/usr/libexec/heartbeat/heartbeat) on CASE_DIR/{ha.cf,haresources,
# authkeys} as node NODE, fully isolated, and prints exactly one line on stdout:
#   ACCEPT  Heartbeat validated the configuration, opened every medium and entered its main loop
#           (its process title became "heartbeat: master control process")
#   REFUSE  Heartbeat exited before that (config error: rc 6; media could not be opened: rc 1; ...)
# Heartbeat's own messages go to stderr. Exit status 0 with a verdict, 2 when the harness itself
# failed (nothing on stdout then).
#
# Isolation (nothing of the host is touched):
#   - a network namespace of its own (hbv-<pid>) with lo, eth0 (10.88.0.1/24, fd88::1/64), eth1
#     (10.89.0.1/24, fd89::1/64) and eth2 (10.90.0.1/24 without a broadcast address): veth pairs
#     whose both ends live in the namespace; no route out;
#   - new mount, UTS, IPC and PID namespaces (unshare): hostname NODE; private copies of
#     /etc/ha.d, /var/lib/heartbeat and /usr/share/heartbeat (ResourceManager replaced by a stub
#     that only logs, so nothing can run `pkill -9 heartbeat` or `reboot -nf`); a tmpfs on /run
#     (= /var/run) and on /dev (null, zero, random, urandom, tty, pts, shm, plus /dev/ttyS0 and
#     /dev/ttyS1 as socat pseudo-terminals; every other device is absent);
#   - the shell that starts Heartbeat is PID 1 of the PID namespace: when it exits, the kernel
#     kills every process left in there (Heartbeat's children, socat). Nothing is killed by name.
#
# If CASE_DIR/case.properties has `authkeys_mode=NNN`, the private copy of authkeys gets that mode
# (git does not keep file modes); otherwise the copy keeps the mode of CASE_DIR/authkeys.
# A file missing from CASE_DIR is missing for Heartbeat too.
#
# Environment:
#   HB_VERDICT_TIMEOUT  seconds, default 10: bound of one run.
#   HB_VERDICT_MODE     start (default): as above.
#                       check: Heartbeat's hidden check-only mode instead. `heartbeat -r` (reload)
#                       with a pid file naming a live process runs exactly the start-up checks
#                       (ha.cf, authkeys, haresources node names), then sends SIGHUP to that
#                       process and exits 0, or exits 1 on a config error. It opens no medium, so
#                       a medium that cannot be opened (serial device missing) passes there.
set -euo pipefail

HEARTBEAT=/usr/libexec/heartbeat/heartbeat
die() { echo "heartbeat-verdict: $*" >&2; exit 2; }

[[ $# -eq 2 ]] || die "usage: heartbeat-verdict.sh CASE_DIR NODE"
case_dir=$(readlink -f -- "$1")
node=$2
[[ -d $case_dir ]] || die "no such case directory: $1"
[[ $node =~ ^[A-Za-z0-9._-]+$ ]] || die "bad node name: $node"
[[ $(id -u) -eq 0 ]] || die "must run as root (network, mount and PID namespaces)"
[[ -x $HEARTBEAT ]] || die "$HEARTBEAT missing: apt-get install heartbeat (./run-tests does)"
for tool in ip unshare socat; do
  command -v "$tool" >/dev/null || die "$tool missing (packages iproute2, util-linux, socat)"
done
timeout_s=${HB_VERDICT_TIMEOUT:-10}
mode=${HB_VERDICT_MODE:-start}
[[ $mode == start || $mode == check ]] || die "HB_VERDICT_MODE must be start or check"

work=$(mktemp -d /tmp/hb-verdict.XXXXXX)
ns=hbv-$$
cleanup() {
  ip netns del "$ns" 2>/dev/null || true
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# --- private copies of Heartbeat's directories --------------------------------------------------
cp -a /etc/ha.d "$work/etc-ha.d"
for f in ha.cf haresources authkeys; do
  rm -f "$work/etc-ha.d/$f"
  if [[ -e $case_dir/$f ]]; then cp -p "$case_dir/$f" "$work/etc-ha.d/$f"; fi
done
if [[ -f $case_dir/case.properties ]]; then
  akmode=$(sed -n 's/^authkeys_mode[[:space:]]*=[[:space:]]*\([0-7]*\)[[:space:]]*$/\1/p' \
    "$case_dir/case.properties" | tail -n 1)
  if [[ -n $akmode && -e $work/etc-ha.d/authkeys ]]; then chmod "$akmode" "$work/etc-ha.d/authkeys"; fi
fi
chown root:root "$work/etc-ha.d"/* 2>/dev/null || true

cp -a /var/lib/heartbeat "$work/var-lib-heartbeat"
find "$work/var-lib-heartbeat" -type f -delete   # no uuid, generation or host cache of anyone

cp -a /usr/share/heartbeat "$work/usr-share-heartbeat"
cat >"$work/usr-share-heartbeat/ResourceManager" <<'STUB'
#!/bin/sh
# heartbeat-verdict.sh: stand-in for ResourceManager; it only records what it was asked.
echo "ResourceManager $*" >>/run/hb-verdict-rm.log
exit 0
STUB
chmod 755 "$work/usr-share-heartbeat/ResourceManager"

mkdir -p "$work/pts" "$work/hostpts"

# --- the network namespace ----------------------------------------------------------------------
ip netns add "$ns"
ip -n "$ns" link set lo up
# eth0 10.88.0.1/24 and eth1 10.89.0.1/24 with a broadcast address, eth2 10.90.0.1/24 without one;
# IPv6 fd88::1/64 on eth0, fd89::1/64 on eth1. Each a veth whose peer stays in the namespace too.
i=0
for dev in eth0 eth1 eth2; do
  ip -n "$ns" link add "$dev" type veth peer name "${dev}peer"
  if [[ $dev == eth2 ]]; then
    ip -n "$ns" addr add "10.90.0.1/24" dev "$dev"
  else
    ip -n "$ns" addr add "10.8$((8 + i)).0.1/24" brd + dev "$dev"
    ip -n "$ns" addr add "fd8$((8 + i))::1/64" dev "$dev" nodad
  fi
  ip -n "$ns" link set "$dev" up
  ip -n "$ns" link set "${dev}peer" up
  i=$((i + 1))
done

# --- inside: mounts, hostname, Heartbeat --------------------------------------------------------
cat >"$work/inner.sh" <<'INNER'
#!/bin/bash
# PID 1 of a fresh PID namespace, in a private mount namespace, inside the test netns.
set -u
work=$1 node=$2 timeout_s=$3 mode=$4
HEARTBEAT=/usr/libexec/heartbeat/heartbeat

hostname "$node"
mount --bind "$work/etc-ha.d" /etc/ha.d
mount --bind "$work/var-lib-heartbeat" /var/lib/heartbeat
mount --bind "$work/usr-share-heartbeat" /usr/share/heartbeat
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs -o mode=755 tmpfs /var/log   # where a case's logfile/debugfile may point
[[ -d /var/lib/pacemaker ]] && mount -t tmpfs -o mode=755 tmpfs /var/lib/pacemaker  # crm yes
install -d -m 1777 /run/lock
install -d -m 0750 -o hacluster -g haclient /run/heartbeat /run/heartbeat/ccm /run/heartbeat/crm \
  /run/heartbeat/dopd /run/crm

# serial cables: two pseudo-terminal pairs, one end becomes /dev/ttyS0 resp. /dev/ttyS1
socat pty,raw,echo=0,link="$work/ttyS0" pty,raw,echo=0,link="$work/ttyS0.peer" 2>/dev/null &
socat pty,raw,echo=0,link="$work/ttyS1" pty,raw,echo=0,link="$work/ttyS1.peer" 2>/dev/null &
for _ in $(seq 100); do
  [[ -e $work/ttyS0 && -e $work/ttyS1 ]] && break
  sleep 0.02
done
tty0=$(readlink -f "$work/ttyS0") tty1=$(readlink -f "$work/ttyS1")

# a private /dev: only what Heartbeat needs, and no real serial port or watchdog
mount --bind /dev/pts "$work/hostpts"
mount -t tmpfs -o mode=755 tmpfs /dev
mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5; mknod -m 666 /dev/full c 1 7
mknod -m 666 /dev/random c 1 8; mknod -m 666 /dev/urandom c 1 9; mknod -m 666 /dev/tty c 5 0
ln -s /proc/self/fd /dev/fd
mkdir /dev/pts /dev/shm
mount --move "$work/hostpts" /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
touch /dev/ttyS0 /dev/ttyS1
mount --bind "$tty0" /dev/ttyS0
mount --bind "$tty1" /dev/ttyS1

if [[ $mode == check ]]; then
  sleep 60 &   # the decoy "running heartbeat" that -r signals
  echo $! >/run/heartbeat.pid
  "$HEARTBEAT" -r </dev/null >"$work/hb.stdout" 2>"$work/hb.stderr"
  rc=$?
  if ((rc == 0)); then verdict=ACCEPT; else verdict="REFUSE rc=$rc"; fi
else
  "$HEARTBEAT" -f </dev/null >"$work/hb.stdout" 2>"$work/hb.stderr" &
  hb=$!
  deadline=$((SECONDS + timeout_s))
  verdict=
  while :; do
    if ! kill -0 "$hb" 2>/dev/null; then
      wait "$hb"
      verdict="REFUSE rc=$?"
      break
    fi
    if tr '\0' ' ' <"/proc/$hb/cmdline" 2>/dev/null | grep -q 'master control process'; then
      # every medium is open and the main loop runs; make sure it does not fall over at once
      sleep 0.3
      if kill -0 "$hb" 2>/dev/null; then verdict=ACCEPT; else wait "$hb"; verdict="REFUSE rc=$?"; fi
      break
    fi
    if ((SECONDS >= deadline)); then verdict=TIMEOUT; break; fi
    sleep 0.02
  done
fi
for f in /var/log/*; do
  [[ -f $f ]] && sed "s|^|${f#/var/log/}: |" "$f" >>"$work/logs"
done
cp /run/hb-verdict-rm.log "$work/rm.log" 2>/dev/null
echo "$verdict" >"$work/verdict"
# returning ends PID 1: the kernel kills Heartbeat and socat with it
INNER
chmod 755 "$work/inner.sh"

start=$(date +%s%N)
ip netns exec "$ns" unshare --mount --uts --ipc --pid --fork --mount-proc --propagation private \
  "$work/inner.sh" "$work" "$node" "$timeout_s" "$mode" || true
elapsed=$((($(date +%s%N) - start) / 1000000))

[[ -s $work/hb.stderr ]] && sed 's/^/heartbeat: /' "$work/hb.stderr" >&2
[[ -f $work/verdict ]] || die "no verdict (the namespace setup failed?)"
verdict=$(cat "$work/verdict")
# a config refusal (rc 6) said it all on stderr; later failures only reach the case's log files
if [[ $verdict != "REFUSE rc=6" && -s $work/logs ]]; then
  sed 's/^/heartbeat log /' "$work/logs" >&2
fi
[[ -s $work/rm.log ]] && sed 's/^/heartbeat: /' "$work/rm.log" >&2
echo "heartbeat-verdict: $verdict after ${elapsed} ms" >&2
case $verdict in
  ACCEPT) echo ACCEPT ;;
  REFUSE*) echo REFUSE ;;
  *) die "Heartbeat neither refused nor started within ${timeout_s}s" ;;
esac
