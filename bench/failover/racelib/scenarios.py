"""Runs of the race. A run is one fresh cluster with one contender on it; runs come in batches that
share the machine's idle time but not its measured moments:

- a fault batch brings up N clusters side by side and settles them all (JVM starts cost CPU, but
  nothing is measured then), then faults them one at a time while the others sit idle (their
  pollers are off: a poller runs only around its own run's fault);
- a side-by-side stability run puts one cluster per contender under the same load at once, and
  counts false failovers in each.

Every run still gets its own cluster, so nothing of one run's state can leak into another's."""
import os
import shutil
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from . import measure, paths, procs
from .cluster import Answers, Cluster, now_us

FAULTS = ("kill", "link", "freeze")
FAULT_TITLES = {
    "kill": "SIGKILL of the owner's daemon",
    "link": "the owner's heartbeat link down",
    "freeze": "the owner frozen (SIGSTOP past deadtime, then SIGCONT)",
}
MARGIN_S = 0.5  # past initdead before a fault: the daemon's own timers, not initdead, decide
QUIET_S = 1.0  # after a frozen node woke, before the next run is struck
# Every contender is faulted only once its ha2 has run this long, in its steady state: Systole's
# heartbeat threads go realtime 5 s after its start, and Heartbeat's first fault 1.5 s after its
# ha2 joined took 2.7 s where the later ones took 0.5-0.8 s.
STEADY_S = 6.0


class Run:
    """One cluster, the contender instance on it, its work directory and its own processes."""

    def __init__(self, bench, kind, slot):
        self.bench = bench
        self.kind = kind
        self.registry = procs.Registry(bench.registry)
        self.work = bench.root / ("%04d-%s" % (slot, kind.name))
        os.makedirs(self.work)
        self.cluster = Cluster("%s-%d" % (bench.prefix, slot), self.registry)
        self.contender = kind(self.registry)
        self.answers = Answers(self.work / "answers")
        self.poller = None

    def poll(self, on, interval_s=0.005):
        """Starts or stops this cluster's poller: it runs only while this run is watched, so that
        idle neighbours in a batch cost no CPU."""
        if on and self.poller is None:
            self.poller = self.cluster.start_poller(self.answers.path, self.work / "poller.log",
                                                    interval_s)
        elif not on and self.poller is not None:
            self.registry.stop(self.poller)
            self.poller = None

    def serving(self, node, since_us=0):
        """When node first answered a poll at or after since_us (None yet)."""
        return measure.first_answer_from(self.answers.lines(), node, since_us)

    def teardown(self, keep=False):
        self.registry.kill_all()
        self.contender.stop()
        self.cluster.down()
        if self in self.bench.runs:  # a batch and the race's cleanup may both get here
            self.bench.runs.remove(self)
        if not (keep or self.bench.keep):
            shutil.rmtree(self.work, ignore_errors=True)


class Bench:
    """Where runs happen: the registry of started processes, the namespace prefix (short: veth
    names in netns-cluster.sh carry it and are limited to 15 characters), a work root, and every
    live run, so that cleanup can take down whatever an error left."""

    def __init__(self, registry, prefix, root, say):
        self.registry = registry
        self.prefix = prefix
        self.root = root
        self.say = say
        self.serial = 0
        self.runs = []
        self.keep = False  # --keep: every run's logs stay, not only a failed run's
        self.lock = threading.Lock()  # the idle stability runs in a thread beside the seed faults

    def fresh(self, kinds):
        """A new cluster (up) per kind in kinds, one run of that contender each, built at once."""
        runs, ups = [], []
        for kind in kinds:
            with self.lock:
                self.serial += 1
                slot = self.serial % 1000
            run = Run(self, kind, slot)
            self.runs.append(run)
            runs.append(run)
            ups.append(run.cluster.up())
        if any(up.wait() != 0 for up in ups):
            raise RuntimeError("netns-cluster.sh up failed")
        return runs

    def teardown_all(self):
        for run in list(self.runs):
            run.teardown(keep=True)

    def settle(self, runs, settings):
        """Starts ha1 everywhere and waits until it serves, starting ha2 either right after ha1
        (a contender whose start_together is set: Systole's ha1, hearing its peer, takes its group
        without waiting out initdead alone) or once ha1 serves (the others: Heartbeat started
        together negotiates for seconds); waits until ha2 heard ha1, then until initdead (plus a
        margin) has surely passed where the contender still holds it after hearing its peer: before
        that a node declares no one dead, and a fault would be timed partly by initdead. settings:
        the Setting of each run. Returns the runs that settled; the others are torn down (logs
        kept)."""
        setting = dict(zip(runs, settings))
        for run in runs:
            run.poll(True)
        ok = self._start_all(runs, 1, setting)
        ha2_started = time.monotonic()
        ok = self._start_ha2(ok, setting, lambda r: r.contender.start_together)
        ok = self._wait_each(ok, lambda r: r.serving("ha1"), 90, "ha1 never served")
        for run in ok:
            run.poll(False)
        ok = self._start_ha2(ok, setting, lambda r: not r.contender.start_together)
        ok = self._wait_each(ok, lambda r: r.contender.ready(2), 60, "ha2 never heard ha1")
        # initdead runs from the daemon's own start, which is after its launcher's spawn but before
        # it heard ha1: counted from now (every ha2 has heard ha1), it has surely passed.
        longest = max([setting[r].initdead_ms for r in ok
                       if r.contender.initdead_after_hearing] + [0]) / 1000
        warmup = STEADY_S - (time.monotonic() - ha2_started)
        time.sleep(max(1.5, longest + MARGIN_S, warmup))
        return ok

    def _start_ha2(self, runs, setting, which):
        """Starts ha2 on the runs that which() picks; returns runs less those that failed."""
        picked = [r for r in runs if which(r)]
        started = self._start_all(picked, 2, setting)
        return [r for r in runs if r not in picked or r in started]

    def _start_all(self, runs, node, setting):
        """Starts node on every run at once (Heartbeat's start script takes a second or so each);
        a run whose contender refuses to start is torn down, its logs kept, and left out."""
        def start(run):
            try:
                run.contender.start(run.cluster, node, setting[run], run.work)
                return None
            except Exception as e:  # e.g. a contender that refuses a setting
                return e
        with ThreadPoolExecutor(max_workers=max(1, len(runs))) as pool:
            errors = list(pool.map(start, runs))
        for run, e in zip(runs, errors):
            if e:
                self.say("  %s: %s did not start: %s (logs kept in %s)"
                         % (run.kind.name, paths.node_name(node), e, run.work))
                run.teardown(keep=True)
        return [r for r, e in zip(runs, errors) if not e]

    def _wait_each(self, runs, predicate, seconds, what):
        ok = []
        deadline = time.monotonic() + seconds
        for run in runs:
            if procs.wait_for(lambda: predicate(run), max(0.1, deadline - time.monotonic()), 0.1):
                ok.append(run)
            else:
                self.say("  %s: %s (logs kept in %s)" % (run.kind.name, what, run.work))
                run.teardown(keep=True)
        return ok


class FaultRun:
    """One fault on one settled run, stepped by fault_batch: strike, wait for the survivor's first
    answer, and for a freeze wake the frozen node up later and check what it did."""

    def __init__(self, run, setting, fault):
        self.run, self.setting, self.fault = run, setting, fault
        self.detect_s = setting.detect_ms / 1000
        self.result = {"outage_ms": None}
        self.pids = []
        self.t0 = self.answered = self.wake_at = self.check_at = self.woke = None
        self.woke_mono = None
        self.done = False

    def strike(self):
        """Starts the poller, checks ha1 still serves alone (a run that failed over on its own
        while it waited is not measured), then the fault."""
        run = self.run
        run.poll(True)
        since = now_us()
        if not procs.wait_for(lambda: run.serving("ha1", since), 5, 0.01) or \
                run.cluster.holders() != ["ha1"]:
            self.finish("not settled: ha1 did not serve alone before the fault")
            return
        self.pids = run.contender.pids(1)
        self.t0 = now_us()
        if self.fault == "kill":
            procs.signal_all(self.pids, signal.SIGKILL)
        elif self.fault == "freeze":
            procs.signal_all(self.pids, signal.SIGSTOP)
        else:
            run.cluster.link(1, False)
        self.deadline = time.monotonic() + self.detect_s + 60

    def measuring(self):
        """True while the fault is struck and the survivor has not answered yet."""
        return self.t0 is not None and self.answered is None and not self.done

    def quiet(self, now):
        """Whether another run may be struck now without meeting this one's work: it is over, or
        its survivor answered and (a freeze) its woken node has had QUIET_S to settle down."""
        if self.done:
            return True
        if self.answered is None:
            return False
        return self.fault != "freeze" or (self.woke_mono is not None
                                          and now - self.woke_mono >= QUIET_S)

    def step(self, may_act=True):
        """Advances this run as far as it can now; sets done at the end. may_act False (another
        run is being measured) holds back the wake-up and the final check until it is over: the
        node stays frozen longer, which the fault allows."""
        if self.done or self.t0 is None:
            return
        now = time.monotonic()
        if self.answered is None:
            survived = self.run.serving("ha2", self.t0)
            if survived:
                self.answered = survived
                self.result["outage_ms"] = (survived - self.t0) / 1000
                if self.fault != "freeze":
                    return self.finish()
                self.wake_at = now + max(1.0, 2 * self.detect_s)  # frozen well past deadtime
            elif now > self.deadline:
                return self.finish("ha2 never answered")
        if not may_act:
            return
        if self.wake_at and self.woke is None and now >= self.wake_at:
            self.woke = now_us()
            self.woke_mono = now
            procs.signal_all(self.pids, signal.SIGCONT)
            self.check_at = now + max(3.0, 3 * self.detect_s)
        if self.check_at and now >= self.check_at:
            self.result["served_after_wake"] = measure.answered_after(
                self.run.answers.lines(), "ha1", self.woke)
            self.result["holders"] = self.run.cluster.holders()
            self.finish()

    def finish(self, error=None):
        """Ends the run; its cluster goes at the batch's end (tearing down costs CPU that another
        run's takeover might meet, and Heartbeat's stop takes seconds)."""
        if error:
            self.result["error"] = error
        self.done = True
        self.run.poll(False)

    def teardown(self):
        self.run.teardown(keep="error" in self.result)


def fault_batch(bench, kind, setting, fault, n, stagger_s=0, idle_hook=None):
    """n runs of fault on n clusters side by side. With stagger_s 0 each fault waits until the
    previous run is over (only one run is ever watched). With stagger_s > 0 (the seed settings,
    where a run is mostly the deadtime's wait) a fault is struck every stagger_s seconds: the
    waits overlap, and each run records how close the nearest other run's strike, takeover or
    wake-up came to its own takeover (the report shows the smallest such gap). idle_hook(runs) runs once all are settled and
    idle (the footprint). Returns the list of results, one per run."""
    t0 = time.monotonic()
    runs = bench.fresh([kind] * n)
    settled = bench.settle(runs, [setting] * n)
    bench.say("  %s, %s: %d clusters up and settled in %.0f s" % (
        kind.name, setting.label, len(settled), time.monotonic() - t0))
    if idle_hook and settled:
        idle_hook(settled)
    todo = [FaultRun(r, setting, fault) for r in settled]
    failed = [{"outage_ms": None, "error": "did not settle"}] * (n - len(settled))
    active, last_strike = [], None
    try:
        for f in todo:
            while not may_strike(active, last_strike, stagger_s):
                step_all(active, stagger_s)
            try:
                f.strike()
            except Exception as e:  # a run that breaks is reported as failed, the batch goes on
                f.finish("strike failed: %s" % e)
            last_strike = time.monotonic()
            active.append(f)
        while any(not f.done for f in active):
            step_all(active, stagger_s)
        if stagger_s:
            neighbour_gaps(todo)
    finally:
        teardown_all(todo)
    return [f.result for f in todo] + failed


def may_strike(active, last_strike, stagger_s):
    """Whether the next fault may be struck now: alone, once every earlier run is quiet (its
    survivor answered; a frozen node woke QUIET_S ago); staggered, stagger_s after the last
    strike."""
    if not stagger_s:
        now = time.monotonic()
        return all(a.quiet(now) for a in active)
    return last_strike is None or time.monotonic() - last_strike >= stagger_s


def step_all(active, stagger_s):
    """Steps every active run. Alone (stagger_s 0), wake-ups and checks wait while a run is being
    measured, so that a figure never shares its moment with another run's work."""
    may_act = bool(stagger_s) or not any(a.measuring() for a in active)
    for a in active:
        a.step(may_act)
    time.sleep(0.01)


def teardown_all(todo):
    """The batch's clusters, torn down side by side once nothing is measured any more."""
    with ThreadPoolExecutor(max_workers=max(1, len(todo))) as pool:
        list(pool.map(lambda f: f.teardown(), todo))


def neighbour_gaps(todo):
    """For each run, ms from its takeover to the nearest strike, takeover or wake-up of another run
    in the batch: the overlap the stagger allowed, recorded next to the figure it might touch."""
    events = [(f, t) for f in todo for t in (f.t0, f.answered, f.woke) if t]
    for f in todo:
        if f.answered:
            gaps = [abs(t - f.answered) / 1000 for g, t in events if g is not f]
            f.result["neighbour_gap_ms"] = min(gaps) if gaps else None


def load_processes(registry, load, work):
    """Starts the load: 'cpu' saturates every core, 'disk' writes 1 GiB files with O_DIRECT over
    and over, 'cpu+disk' both; 'idle' starts nothing."""
    if "cpu" in load:
        for _ in range(os.cpu_count()):
            registry.spawn(["sh", "-c", "while :; do :; done"], os.devnull)
    if "disk" in load:
        target = work / "disk-load"
        registry.spawn(["sh", "-c", "while :; do dd if=/dev/zero of=%s bs=1M count=1024 "
                        "oflag=direct status=none; done" % target], os.devnull)


def side_by_side(bench, pairs, phases, poll_interval_s=0.005):
    """One cluster per (contender kind, Setting) in pairs, all settled, then for each
    (load, seconds) in phases that load for that long with every cluster under it at once: how
    often the answering node changed, outages over 1 s and the contender's own membership
    changes. Returns a list aligned with pairs of {load: result}, or {'error': why} for a cluster
    that did not settle."""
    runs = bench.fresh([k for k, _ in pairs])
    try:
        ok = bench.settle(runs, [setting for _, setting in pairs])
        out = [{} if r in ok else {"error": "did not settle"} for r in runs]
        for r in ok:
            r.poll(True, poll_interval_s)
        for load, seconds in phases:
            loads = procs.Registry(bench.registry)
            before = {r: r.contender.events() for r in ok}
            t0 = now_us()
            load_processes(loads, load, bench.root)
            time.sleep(seconds)
            loads.kill_all()
            for i, r in enumerate(runs):
                if r in ok:
                    out[i][load] = quiet_record(r, t0, before[r])
        return out
    finally:
        for r in [r for r in runs if r in bench.runs]:
            r.teardown()


def quiet_record(run, t0, events_before):
    """What a run did since t0 when nothing failed: node changes, outages > 1 s, membership
    changes in the contender's log; false = their sum."""
    lines = [x for x in run.answers.lines() if x[0] >= t0]
    r = {"switches": measure.switches(lines), "outages": measure.outages(lines, 1000),
         "events": run.contender.events() - events_before, "polls": len(lines)}
    r["false"] = r["switches"] + r["outages"] + r["events"]
    return r


def footprint(runs, seconds):
    """Per node: the contender's own processes (not its resource scripts), their CPU over seconds
    as % of one core (utime + stime deltas) and their summed VmRSS at the end, in MiB; averaged
    over runs (a batch's idle clusters: more samples for the same wait)."""
    pids = {(r, i): r.contender.pids(i) for r in runs for i in paths.NODES}
    start = {k: sum(procs.cpu_ticks(p) or 0 for p in v) for k, v in pids.items()}
    t0 = time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - t0
    out = {}
    for i in paths.NODES:
        keys = [(r, i) for r in runs]
        ticks = sum(sum(procs.cpu_ticks(p) or 0 for p in pids[k]) - start[k] for k in keys)
        out[paths.node_name(i)] = {
            "processes": len(pids[keys[0]]),
            "cpu_pct": 100.0 * ticks / procs.CLK_TCK / elapsed / len(runs),
            "rss_mib": sum(procs.rss_kib(p) for k in keys for p in pids[k]) / 1024.0 / len(runs),
            "clusters": len(runs),
        }
    return out
