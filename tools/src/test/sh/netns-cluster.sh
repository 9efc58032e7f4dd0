#!/usr/bin/env bash
# netns-cluster.sh up|down PREFIX N: a switch namespace PREFIX-sw holding a bridge, N node
# namespaces PREFIX-1..PREFIX-N (eth0 10.77.0.I/24) and a client namespace PREFIX-c (eth0
# 10.77.0.250/24), each joined to the bridge by a veth pair. Loopback up, no route out, nothing in
# the host's own namespace. "down" removes them all (and with them the veths and the bridge).
# Idempotent; used by the daemon's failover tests.
set -euo pipefail
action=$1 prefix=$2 n=${3:-2}
sw=$prefix-sw
join() { # join NAMESPACE ADDRESS TAG
  local ns=$1 addr=$2 tag=$3
  ip netns add "$ns"
  ip link add "$prefix-$tag" type veth peer name "$prefix-p$tag"
  ip link set "$prefix-$tag" netns "$ns"
  ip link set "$prefix-p$tag" netns "$sw"
  ip -n "$ns" link set "$prefix-$tag" name eth0
  ip -n "$ns" addr add "$addr/24" broadcast 10.77.0.255 dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  ip -n "$sw" link set "$prefix-p$tag" master br0
  ip -n "$sw" link set "$prefix-p$tag" up
}
case $action in
  up)
    "$0" down "$prefix" "$n"
    ip netns add "$sw"
    ip -n "$sw" link add br0 type bridge
    ip -n "$sw" link set br0 up
    for i in $(seq 1 "$n"); do join "$prefix-$i" "10.77.0.$i" "v$i"; done
    join "$prefix-c" 10.77.0.250 vc
    ;;
  down)
    for ns in "$prefix-c" $(seq -f "$prefix-%g" 1 "$n") "$sw"; do
      ip netns del "$ns" 2>/dev/null || true
    done
    ;;
  *) echo "usage: $0 up|down PREFIX [N]" >&2; exit 2 ;;
esac
