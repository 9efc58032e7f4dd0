"""Processes the race started, and what /proc says about them. Everything is addressed by PID:
the race never kills by name, and on exit it kills exactly what it registered."""
import os
import signal
import subprocess
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


class Registry:
    """Every long-running process the race started, to be killed (SIGKILL, by PID) at cleanup. A
    registry with a parent (one run's, one load's) also registers there, so that it can be killed
    on its own while the race's cleanup still sees everything."""

    def __init__(self, parent=None):
        self.procs = []
        self.parent = parent

    def spawn(self, args, log, env=None):
        """Starts args in a session of its own, output appended to the file log."""
        with open(log, "ab") as out:
            p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=subprocess.STDOUT, start_new_session=True, env=env)
        registry = self
        while registry:
            registry.procs.append(p)
            registry = registry.parent
        return p

    def stop(self, p):
        """SIGKILL to p (by PID), reaped."""
        if p.poll() is None:
            kill(p.pid, signal.SIGKILL)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                pass

    def kill_all(self):
        for p in self.procs:
            self.stop(p)
        self.procs = []


def kill(pid, sig):
    try:
        os.kill(pid, sig)
        return True
    except ProcessLookupError:
        return False


def signal_all(pids, sig):
    """Sends sig to every PID in a tight loop: a whole daemon (master and children) at once,
    children first (pids lists parents first): a child that outlived its parent even briefly could
    see the parent's death (keepalived's VRRP child then resigns with a priority 0 advert)."""
    for pid in reversed(pids):
        kill(pid, sig)


def children(pid):
    """The direct children of pid (all its threads'), from /proc."""
    out = []
    try:
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, task)) as f:
                out += [int(c) for c in f.read().split()]
    except (FileNotFoundError, ProcessLookupError):
        pass
    return out


def comm(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except FileNotFoundError:
        return None


def family(pid, name):
    """pid and its descendants whose command name is name (a daemon's own processes, not the
    resource scripts it runs)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if comm(p) == name:
            out.append(p)
            todo += children(p)
    return out


def cpu_ticks(pid):
    """utime + stime of pid (all its threads), in clock ticks; None once it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def wait_for(predicate, seconds, step=0.05):
    """Polls predicate until it returns something truthy (returned) or seconds pass (None)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None
