"""The race's network: two node namespaces and a client on one bridge (the tools module's
netns-cluster.sh), the poller in the client namespace, and the faults done to the network."""
import subprocess
import time

from . import measure, paths, procs


class Cluster:
    def __init__(self, prefix, registry):
        self.prefix = prefix
        self.registry = registry

    def netns(self, i):
        return "%s-%d" % (self.prefix, i)

    def up(self):
        """Starts netns-cluster.sh up and returns it unwaited: a batch builds its clusters at once."""
        return subprocess.Popen([str(paths.NETNS_CLUSTER), "up", self.prefix, "2"])

    def down(self):
        """Kills whatever still runs in the namespaces (resource scripts run in sessions of their
        own), then removes them."""
        for ns in [self.netns(i) for i in paths.NODES] + [self.prefix + "-c"]:
            out = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True)
            for pid in out.stdout.split():
                procs.kill(int(pid), 9)
        subprocess.run([str(paths.NETNS_CLUSTER), "down", self.prefix, "2"], check=False)

    def start_poller(self, answers, log, interval_s=0.005):
        """Polls http://SERVICE_IP:8080/ every interval_s (5 ms) from the client namespace into
        answers."""
        return self.registry.spawn(
            ["ip", "netns", "exec", self.prefix + "-c", "python3", str(paths.POLLER),
             paths.SERVICE_IP, str(answers), str(interval_s)], log)

    def link(self, i, up):
        subprocess.run(["ip", "-n", self.netns(i), "link", "set", "eth0", "up" if up else "down"],
                       check=True)

    def holders(self):
        """The nodes whose eth0 carries the service address now."""
        out = []
        for i in paths.NODES:
            shown = subprocess.run(["ip", "-n", self.netns(i), "-4", "addr", "show", "eth0"],
                                   capture_output=True, text=True).stdout
            if " %s/" % paths.SERVICE_IP in shown:
                out.append(paths.node_name(i))
        return out


class Answers:
    """The poller's file, read incrementally: a batch watches several runs every few ms, and
    re-reading whole files would cost the CPU the runs are measured on."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.seen = []

    def lines(self):
        """Every (micros, node) pair so far; only complete lines are taken."""
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                chunk = f.read()
        except FileNotFoundError:
            return self.seen
        end = chunk.rfind(b"\n") + 1
        self.offset += end
        self.seen += measure.parse_answers(chunk[:end].decode("ascii", "replace").splitlines())
        return self.seen


def now_us():
    return int(time.time() * 1_000_000)
