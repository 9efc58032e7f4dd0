"""One run of a scenario on a fresh cluster: build the namespaces, start the contender on ha1 (it
takes the service), then on ha2, do the fault or the load, read the poller's lines, tear it all
down. Rebuilding per run is slower than restoring, and nothing of one run can leak into the next."""
import os
import shutil
import signal
import time

from . import measure, paths, procs
from .cluster import Cluster, now_us

FAULTS = ("kill", "link", "freeze")
FAULT_TITLES = {
    "kill": "SIGKILL of the owner's daemon",
    "link": "the owner's heartbeat link down",
    "freeze": "the owner frozen (SIGSTOP past deadtime, then SIGCONT)",
}


class Bench:
    """Where runs happen: the registry of started processes, the namespace prefix, a work root."""

    def __init__(self, registry, prefix, root, say):
        self.registry = registry
        self.prefix = prefix
        self.root = root
        self.say = say
        self.serial = 0
        self.keep = False  # --keep: every run's logs stay, not only a failed run's

    def fresh(self, contender):
        """A new cluster and an empty work directory for one run."""
        self.serial += 1
        work = self.root / ("%03d-%s" % (self.serial, contender.name))
        os.makedirs(work)
        cluster = Cluster(self.prefix, self.registry)
        cluster.up()
        return cluster, work

    def teardown(self, contender, cluster, work, keep=False):
        self.registry.kill_all()
        contender.stop()
        cluster.down()
        if not (keep or self.keep):
            shutil.rmtree(work, ignore_errors=True)

    def settle(self, contender, setting, cluster, work):
        """Starts the poller, ha1 (until it serves) and ha2 (until it heard ha1): ha1 owns the
        service and both are in their steady state. Returns the answers file."""
        answers = work / "answers"
        cluster.start_poller(answers, work / "poller.log")
        contender.start(cluster, 1, setting, work)
        if not procs.wait_for(lambda: measure.first_answer_from(
                measure.read_answers(answers), "ha1", 0), 90, 0.1):
            raise RuntimeError("%s: ha1 never served (logs in %s)" % (contender.name, work))
        contender.start(cluster, 2, setting, work)
        if not procs.wait_for(lambda: contender.ready(2), 60, 0.1):
            raise RuntimeError("%s: ha2 never heard ha1 (logs in %s)" % (contender.name, work))
        time.sleep(1.5)  # a few heartbeats (or adverts) in the steady state
        return answers


def fault_run(bench, contender, setting, fault):
    """One fault on a settled cluster: ms from the fault to ha2's first answer, and for a freeze
    whether ha1 served again after it woke and how many nodes hold the address at the end."""
    cluster, work = bench.fresh(contender)
    failed = False
    try:
        answers = bench.settle(contender, setting, cluster, work)
        pids = contender.pids(1)
        detect_s = setting.detect_ms / 1000
        t0 = now_us()
        if fault == "kill":
            procs.signal_all(pids, signal.SIGKILL)
        elif fault == "freeze":
            procs.signal_all(pids, signal.SIGSTOP)
        else:
            cluster.link(1, False)
        survived = procs.wait_for(lambda: measure.first_answer_from(
            measure.read_answers(answers), "ha2", t0), detect_s + 60, 0.05)
        result = {"outage_ms": (survived - t0) / 1000 if survived else None}
        if fault == "freeze":
            time.sleep(max(2.0, 2 * detect_s))  # frozen well past deadtime
            woke = now_us()
            procs.signal_all(pids, signal.SIGCONT)
            time.sleep(max(3.0, 3 * detect_s))
            result["served_after_wake"] = measure.answered_after(
                measure.read_answers(answers), "ha1", woke)
            result["holders"] = cluster.holders()
        failed = survived is None
        return result
    except Exception:
        failed = True
        raise
    finally:
        bench.teardown(contender, cluster, work, keep=failed)


def load_processes(bench, load, work):
    """Starts the load: 'cpu' saturates every core, 'disk' writes 1 GiB files with O_DIRECT over
    and over; 'idle' starts nothing."""
    if load == "cpu":
        for _ in range(os.cpu_count()):
            bench.registry.spawn(["sh", "-c", "while :; do :; done"], os.devnull)
    elif load == "disk":
        target = work / "disk-load"
        bench.registry.spawn(["sh", "-c", "while :; do dd if=/dev/zero of=%s bs=1M count=1024 "
                              "oflag=direct status=none; done" % target], os.devnull)


def stability_run(bench, contender, setting, load, seconds, footprint_s=0):
    """Nothing fails for seconds under load: how often the answering node changed, outages over
    1 s, and the contender's own membership changes; with footprint_s, the idle footprint of each
    node over the first footprint_s seconds."""
    cluster, work = bench.fresh(contender)
    try:
        answers = bench.settle(contender, setting, cluster, work)
        before = contender.events()
        t0 = now_us()
        load_processes(bench, load, work)
        result = {}
        if footprint_s:
            result["footprint"] = footprint(contender, footprint_s)
        time.sleep(max(0, seconds - footprint_s))
        lines = measure.read_answers(answers)
        result.update({"switches": measure.switches(lines, t0),
                       "outages": measure.outages(lines, 1000, t0),
                       "events": contender.events() - before,
                       "polls": sum(1 for t, _ in lines if t >= t0)})
        result["false"] = result["switches"] + result["outages"] + result["events"]
        return result
    finally:
        bench.teardown(contender, cluster, work)


def footprint(contender, seconds):
    """Per node: the contender's own processes (not its resource scripts), their CPU over seconds
    as % of one core (utime + stime deltas) and their summed VmRSS at the end, in MiB."""
    pids = {i: contender.pids(i) for i in paths.NODES}
    start = {i: sum(procs.cpu_ticks(p) or 0 for p in pids[i]) for i in paths.NODES}
    t0 = time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - t0
    out = {}
    for i in paths.NODES:
        ticks = sum(procs.cpu_ticks(p) or 0 for p in pids[i]) - start[i]
        out[paths.node_name(i)] = {
            "processes": len(pids[i]),
            "cpu_pct": 100.0 * ticks / procs.CLK_TCK / elapsed,
            "rss_mib": sum(procs.rss_kib(p) for p in pids[i]) / 1024.0,
        }
    return out
