"""Where the race finds what it reuses from the repository (the tools module's test assets)."""
from pathlib import Path

FAILOVER = Path(__file__).resolve().parent.parent
REPO = FAILOVER.parent.parent
LAUNCHER = REPO / "systole"
NETNS_CLUSTER = REPO / "tools/src/test/sh/netns-cluster.sh"
WEBSVC = REPO / "tools/src/test/resources/failover/websvc"
POLLER = REPO / "tools/src/test/resources/failover/poller.py"
HEARTBEAT_NS = REPO / "tools/src/test/sh/heartbeat-node.sh"  # start ... --resources

SERVICE_IP = "10.77.0.100"
NODES = (1, 2)


def node_name(i):
    """Node i's name: the same for every contender, so websvc answers ha1 or ha2."""
    return "ha%d" % i


def node_ip(i):
    return "10.77.0.%d" % i
