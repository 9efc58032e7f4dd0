"""The three contenders: how each is configured for one setting, started on a node, told apart from
its resource scripts (its own processes), and what its log says when membership changes.

Every contender runs the same service the same way: IP takeover of SERVICE_IP/24 on eth0 first,
then `websvc start` (an HTTP server bound to that address), and the reverse on release. So the
measured failover is detection + takeover + service start for all three."""
import os
import shutil
import subprocess
from dataclasses import dataclass, field

from . import paths, procs

AUTHKEYS = "auth 1\n1 sha1 failover-race-secret\n"


@dataclass(frozen=True)
class Setting:
    """One contender's timing: label is what the report prints; detect_ms bounds detection;
    initdead_ms is how long after its start a node declares no one dead (settle waits it out, or
    a fault would be timed from inside it)."""
    label: str
    detect_ms: int
    initdead_ms: int = 0
    params: dict = field(default_factory=dict, compare=False, hash=False)


def heartbeat_timing(deadtime_ms, keepalive_ms=None, initdead_floor_ms=1000):
    """Heartbeat's timing (Systole reads the same directives). keepalive deadtime / 5 (at least
    2 ms) unless given; initdead 2 x deadtime (Heartbeat warns below that), at least
    initdead_floor_ms. initdead is the start-up grace, never part of a measured figure (the race
    waits it out before every fault), so it costs wall time, not accuracy."""
    k = keepalive_ms or max(2, deadtime_ms // 5)
    return Setting("keepalive %d ms, deadtime %d ms" % (k, deadtime_ms), deadtime_ms,
                   max(2 * deadtime_ms, initdead_floor_ms),
                   {"keepalive": k, "deadtime": deadtime_ms})


# Systole's initdead floor: a node declares no one dead in its first initdead, and a JVM's first
# seconds (interpreted code, realtime not yet applied) need that when five clusters start at once on
# two cores; with 1 s, a starting node at deadtime 50 ms took the group from a live owner.
SYSTOLE_INITDEAD_MS = 6000


def ha_cf(setting, extra=()):
    k, d = setting.params["keepalive"], setting.params["deadtime"]
    lines = list(extra) + [
        "keepalive %dms" % k, "warntime %dms" % (d // 2), "deadtime %dms" % d,
        "initdead %dms" % setting.initdead_ms,
        "ucast eth0 %s" % paths.node_ip(1), "ucast eth0 %s" % paths.node_ip(2),
        "auto_failback off", "node ha1", "node ha2", ""]
    return "\n".join(lines)


def haresources(svc_dir):
    return "ha1 IPaddr2::{ip}/24/eth0 websvc::{svc}::{ip}\n".format(ip=paths.SERVICE_IP, svc=svc_dir)


def write_etc(etc, ha_cf_text, svc_dir):
    """ha.cf, haresources, authkeys (0600, or both daemons refuse it) and resource.d/websvc."""
    os.makedirs(etc / "resource.d", exist_ok=True)
    (etc / "ha.cf").write_text(ha_cf_text)
    (etc / "haresources").write_text(haresources(svc_dir))
    (etc / "authkeys").write_text(AUTHKEYS)
    os.chmod(etc / "authkeys", 0o600)
    shutil.copy(paths.WEBSVC, etc / "resource.d" / "websvc")
    os.chmod(etc / "resource.d" / "websvc", 0o755)


def count_in(path, needles):
    try:
        with open(path, errors="replace") as f:
            return sum(1 for line in f if any(n in line for n in needles))
    except FileNotFoundError:
        return 0


def contains(path, needle):
    return count_in(path, [needle]) > 0


class Systole:
    """This repository's daemon, through the `systole` launcher, one JVM per node."""
    name = "Systole"

    def __init__(self, registry):
        self.registry = registry
        self.daemons = {}

    seed = heartbeat_timing(5000, 1000)
    quick = heartbeat_timing(1000, initdead_floor_ms=SYSTOLE_INITDEAD_MS)
    ladder = [heartbeat_timing(d, initdead_floor_ms=SYSTOLE_INITDEAD_MS)
              for d in (1000, 500, 200, 100, 50, 30, 20)]
    # After hearing its peer, a node still declares no one dead until initdead has passed since
    # its own start (Heartbeat switches to deadtime once every link came up): settle waits it out.
    initdead_after_hearing = True
    start_together = True  # ha2 right after ha1: ha1 then need not wait out initdead alone

    def home(self, i):
        return self.work / paths.node_name(i)

    def start(self, cluster, i, setting, work):
        self.work = work
        home = self.home(i)
        write_etc(home / "etc", ha_cf(setting), work / "svc")
        self.daemons[i] = self.registry.spawn(
            ["ip", "netns", "exec", cluster.netns(i), str(paths.LAUNCHER), "daemon",
             "-c", str(home / "etc"), "--node", paths.node_name(i),
             "--state-dir", str(home / "state"), "--socket", str(home / "systole.sock"),
             "--logfile", str(home / "ha-log")], home / "daemon.log")

    def log(self, i):
        return self.home(i) / "daemon.log"

    def ready(self, i):
        """Node i has heard its peer."""
        return contains(self.log(i), "NodeUp node=%s" % paths.node_name(3 - i))

    def pids(self, i):
        p = self.daemons.get(i)
        return [p.pid] if p and p.poll() is None else []

    def events(self):
        """Membership changes so far: NodeDead entries on either node."""
        return sum(count_in(self.log(i), ["NodeDead"]) for i in paths.NODES)

    def stop(self):
        self.daemons = {}  # the registry kills the JVMs

    @staticmethod
    def version():
        return subprocess.run(["git", "-C", str(paths.REPO), "describe", "--always", "--dirty"],
                              capture_output=True, text=True).stdout.strip()


class Heartbeat:
    """Debian's Heartbeat 3.0.6 in haresources mode, each node in its own mount, UTS, IPC and PID
    namespaces (tools/src/test/sh/heartbeat-node.sh --resources), with its default realtime on (SCHED_RR, mlockall)."""
    name = "Heartbeat"

    initdead_after_hearing = False
    start_together = False

    def __init__(self, registry):
        self.registry = registry
        self.masters = {}

    seed = heartbeat_timing(5000, 1000)
    quick = heartbeat_timing(1000)
    ladder = [heartbeat_timing(d) for d in (1000, 500, 300, 200, 100, 50)]

    def home(self, i):
        return self.work / paths.node_name(i)

    def start(self, cluster, i, setting, work):
        self.work = work
        home = self.home(i)
        write_etc(home / "etc", ha_cf(setting, ["logfile /var/log/ha-log"]), work / "svc")
        out = subprocess.run([str(paths.HEARTBEAT_NS), "start", str(home), paths.node_name(i),
                              cluster.netns(i), "--resources"], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError("Heartbeat did not start on %s:\n%s" % (paths.node_name(i), out.stderr))
        self.masters[i] = int(out.stdout.split()[-1])

    def log(self, i):
        return self.home(i) / "log" / "ha-log"

    def ready(self, i):
        return contains(self.log(i), "Status update for node %s: status active"
                        % paths.node_name(3 - i))

    def pids(self, i):
        master = self.masters.get(i)
        return procs.family(master, "heartbeat") if master else []

    def events(self):
        return sum(count_in(self.log(i), ["is dead"]) for i in paths.NODES)

    def stop(self):
        for i in list(self.masters):
            subprocess.run([str(paths.HEARTBEAT_NS), "stop", str(self.home(i))], check=False)
        self.masters = {}

    @staticmethod
    def version():
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "heartbeat"],
                              capture_output=True, text=True).stdout.strip()


def keepalived_setting(advert_s):
    # Master down interval: 3 adverts plus the skew ((256 - priority) / 256 of one advert).
    return Setting("advert_int %g s" % advert_s, int(advert_s * 3600), params={"advert": advert_s})


KEEPALIVED_CONF = """\
global_defs {{
  router_id {node}
  script_user root
  vrrp_version 3
  vrrp_rt_priority 50
  vrrp_no_swap
}}
vrrp_instance race {{
  state BACKUP
  nopreempt
  interface eth0
  virtual_router_id 77
  priority {priority}
  advert_int {advert}
  virtual_ipaddress {{
    {ip}/24 dev eth0
  }}
  notify_master "{notify} start"
  notify_backup "{notify} stop"
  notify_fault "{notify} stop"
  notify_stop "{notify} stop"
}}
"""

NOTIFY = """\
#!/bin/sh
# keepalived's notify script: the same websvc the others run, as node {node}.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
HA_CURHOST={node} exec {websvc} {svc} {ip} "$1"
"""


class Keepalived:
    """Debian's keepalived, VRRP only (-P), VRRPv3, both nodes BACKUP with nopreempt (the
    equivalent of auto_failback off) and ha1 preferred by priority; websvc started and stopped by
    the notify scripts, so the service follows the address as it does under the others."""
    name = "keepalived"

    initdead_after_hearing = False
    start_together = False

    def __init__(self, registry):
        self.registry = registry
        self.daemons = {}

    seed = keepalived_setting(1)
    quick = keepalived_setting(0.2)
    ladder = [keepalived_setting(a) for a in (0.2, 0.1, 0.05, 0.03, 0.02, 0.01)]

    def home(self, i):
        return self.work / paths.node_name(i)

    def start(self, cluster, i, setting, work):
        self.work = work
        home = self.home(i)
        os.makedirs(home, exist_ok=True)
        node = paths.node_name(i)
        notify = home / "notify"
        notify.write_text(NOTIFY.format(node=node, websvc=paths.WEBSVC, svc=work / "svc",
                                        ip=paths.SERVICE_IP))
        os.chmod(notify, 0o755)
        conf = home / "keepalived.conf"
        conf.write_text(KEEPALIVED_CONF.format(node=node, priority=150 if i == 1 else 100,
                                               advert=setting.params["advert"],
                                               ip=paths.SERVICE_IP, notify=notify))
        self.daemons[i] = self.registry.spawn(
            ["ip", "netns", "exec", cluster.netns(i), "keepalived", "-n", "-l", "-D", "-G", "-P",
             "-f", str(conf), "-p", str(home / "keepalived.pid"),
             "-r", str(home / "vrrp.pid")], self.log(i))

    def log(self, i):
        return self.home(i) / "keepalived.log"

    def ready(self, i):
        return contains(self.log(i), "Entering BACKUP STATE")

    def pids(self, i):
        p = self.daemons.get(i)
        return procs.family(p.pid, "keepalived") if p and p.poll() is None else []

    def events(self):
        """State transitions so far (ha1's first MASTER is the start, not an event: the caller
        counts differences)."""
        return sum(count_in(self.log(i), ["Entering MASTER STATE", "Entering FAULT STATE"])
                   for i in paths.NODES)

    def stop(self):
        self.daemons = {}

    @staticmethod
    def version():
        out = subprocess.run(["keepalived", "-v"], capture_output=True, text=True)
        return (out.stdout + out.stderr).splitlines()[0].strip()


KINDS = (Systole, Heartbeat, Keepalived)  # one instance per cluster: it holds that cluster's daemons


