#!/usr/bin/env bash
# netns-pair.sh up|down PREFIX: two network namespaces PREFIX-a and PREFIX-b joined by a veth
# pair, each end named eth0, addresses 10.77.0.1/24 (a) and 10.77.0.2/24 (b), loopback up, no
# route out. "down" removes both (and with them the veth). Idempotent; used by the daemon tests.
set -euo pipefail
action=$1 prefix=$2
a=$prefix-a b=$prefix-b
case $action in
  up)
    "$0" down "$prefix"
    ip netns add "$a"
    ip netns add "$b"
    ip link add "$prefix-va" type veth peer name "$prefix-vb"
    ip link set "$prefix-va" netns "$a"
    ip link set "$prefix-vb" netns "$b"
    ip -n "$a" link set "$prefix-va" name eth0
    ip -n "$b" link set "$prefix-vb" name eth0
    ip -n "$a" addr add 10.77.0.1/24 broadcast 10.77.0.255 dev eth0
    ip -n "$b" addr add 10.77.0.2/24 broadcast 10.77.0.255 dev eth0
    for ns in "$a" "$b"; do
      ip -n "$ns" link set lo up
      ip -n "$ns" link set eth0 up
    done
    ;;
  down)
    ip netns del "$a" 2>/dev/null || true
    ip netns del "$b" 2>/dev/null || true
    ;;
  *) echo "usage: $0 up|down PREFIX" >&2; exit 2 ;;
esac
