#!/usr/bin/env bash
# capture.sh METHOD OUTDIR [SECONDS]: how the captured-*.hex samples beside this script were made.
#
# Runs the real Heartbeat 3.0.6 (Debian's heartbeat 1:3.0.6-13+b2) as node n1 for SECONDS
# (default 12) with authkeys "auth 1" + "1 md5 systole-capture-md5-secret" (METHOD md5) or
# "1 crc" (METHOD crc), and records every byte it sends:
#   - UDP: ha.cf "ucast eth0 10.77.0.2"; Heartbeat runs in network namespace capPID-a
#     (10.77.0.1), a python3 socket bound to 10.77.0.2:694 in capPID-b records each datagram's
#     payload as one hex line in OUTDIR/udp.hex (nothing answers: n2 stays silent);
#   - serial: ha.cf "serial <pty>", the pty being one end made by
#     `socat -u PTY,raw,echo=0,link=OUTDIR/tty FILE:OUTDIR/serial.raw,creat`, so that every byte
#     Heartbeat writes to the line lands in OUTDIR/serial.raw.
# Heartbeat is run isolated by tools/src/test/sh/heartbeat-node.sh (private /etc/ha.d,
# /var/lib/heartbeat, /usr/share/heartbeat with a ResourceManager that only logs, tmpfs /run,
# own mount/UTS/IPC/PID namespaces); the two network namespaces come from netns-pair.sh (a veth
# pair, no route out). Needs root. Everything it starts is stopped by PID, the namespaces removed.
set -euo pipefail
method=$1 out=$(readlink -f -- "$2") seconds=${3:-12}
sh=$(cd "$(dirname "$0")/../../../../../../../../../tools/src/test/sh" && pwd)
prefix=cap$(($$ % 100000))
case $method in
  md5) keyline="1 md5 systole-capture-md5-secret" ;;
  crc) keyline="1 crc" ;;
  *) echo "usage: capture.sh md5|crc OUTDIR [SECONDS]" >&2; exit 2 ;;
esac
mkdir -p "$out/node/etc"
rm -f "$out/udp.hex" "$out/serial.raw"

socat_pid= peer_pid= started=
cleanup() {
  [[ -n $started ]] && "$sh/heartbeat-node.sh" stop "$out/node" || true
  [[ -n $peer_pid ]] && kill "$peer_pid" 2>/dev/null || true
  [[ -n $socat_pid ]] && kill "$socat_pid" 2>/dev/null || true
  "$sh/netns-pair.sh" down "$prefix"
}
trap cleanup EXIT
"$sh/netns-pair.sh" up "$prefix"

socat -u PTY,raw,echo=0,link="$out/tty" FILE:"$out/serial.raw",creat &
socat_pid=$!
for _ in $(seq 100); do [[ -e $out/tty ]] && break; sleep 0.02; done
tty=$(readlink -f "$out/tty")

ip netns exec "$prefix-b" python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.77.0.2", 694))
with open(sys.argv[1], "w") as f:
    while True:
        f.write(s.recv(65536).hex() + "\n")
        f.flush()
' "$out/udp.hex" &
peer_pid=$!

cat >"$out/node/etc/ha.cf" <<CF
logfile /var/log/ha-log
debugfile /var/log/ha-debug
keepalive 1
deadtime 4
warntime 2
initdead 8
realtime off
ucast eth0 10.77.0.2
serial $tty
auto_failback on
node n1
node n2
CF
: >"$out/node/etc/haresources"
printf 'auth 1\n%s\n' "$keyline" >"$out/node/etc/authkeys"
chmod 600 "$out/node/etc/authkeys"

started=1
"$sh/heartbeat-node.sh" start "$out/node" n1 "$prefix-a" >/dev/null
sleep "$seconds"
echo "capture.sh: $(wc -l <"$out/udp.hex") datagrams, $(grep -c '^<<<$' "$out/serial.raw" || true) serial frames" >&2
