"""The race's results as Markdown: one table per scenario, each contender's figures and its ratio
to Systole's, plus the machine, the versions and the command that produced them."""
import platform
import subprocess

from . import measure, paths
from .scenarios import FAULT_TITLES, FAULTS


def ms(value):
    return "—" if value is None else "%.0f" % value


def ratio(theirs, ours):
    """theirs / ours: how many times Systole's figure fits in the contender's (> 1: Systole wins)."""
    if theirs is None or not ours:
        return "—"
    return "%.2f" % (theirs / ours)


KINDS = {"seed": "seed settings", "fastest": "fastest stable settings",
         "quick": "--quick's fixed settings"}


def fault_table(results, kind, fault):
    """kind: 'seed' or 'fastest'. results: {contender: {'settings': {kind: Setting label},
    'faults': {kind: {fault: [run, ...]}}}}."""
    rows = []
    ours = None
    for name, r in results.items():
        runs = r.get("faults", {}).get(kind, {}).get(fault)
        if runs is None:
            continue
        outages = [x["outage_ms"] for x in runs if x.get("outage_ms") is not None]
        s = measure.summary(outages)
        if name == "Systole":
            ours = s
        rows.append((name, r["settings"][kind], runs, s))
    if not rows:
        return []
    head = "| contender | setting | runs (failed) | median ms | p90 ms | max ms | median ÷ Systole's | p90 ÷ Systole's |"
    sep = "|---|---|---|---|---|---|---|---|"
    overlapped = any("neighbour_gap_ms" in x for _, _, runs, _ in rows for x in runs)
    if overlapped:
        head += " runs overlapped: another run's event within 250 ms of the takeover (min gap) |"
        sep += "---|"
    if fault == "freeze":
        head += " served after waking | address on one node at the end |"
        sep += "---|---|"
    out = ["### %s, %s" % (FAULT_TITLES[fault], KINDS[kind]), "", head, sep]
    for name, label, runs, s in rows:
        line = "| %s | %s | %d (%d) | %s | %s | %s | %s | %s |" % (
            name, label, len(runs), len(runs) - s["n"], ms(s["median"]), ms(s["p90"]),
            ms(s["max"]), ratio(s["median"], ours and ours["median"]),
            ratio(s["p90"], ours and ours["p90"]))
        if overlapped:
            gaps = [x["neighbour_gap_ms"] for x in runs if x.get("neighbour_gap_ms") is not None]
            near = sum(1 for g in gaps if g < 250)
            line += " %s |" % ("%d of %d (%s ms)" % (near, len(gaps), ms(min(gaps))) if gaps
                               else "no")
        if fault == "freeze":
            woke = sum(1 for x in runs if x.get("served_after_wake"))
            single = sum(1 for x in runs if len(x.get("holders", [])) == 1)
            line += " %d of %d runs | %d of %d runs |" % (woke, len(runs), single, len(runs))
        out.append(line)
    return out + [""]


def quiet_cells(p):
    """polls, node changes, outages, membership changes of a quiet record, or its error."""
    if p.get("error"):
        return "| | | | %s |" % p["error"]
    return "| %d | %d | %d | %d |" % (p["polls"], p["switches"], p["outages"], p["events"])


def search_table(results, options):
    out = ["### The search for each contender's fastest stable setting", "",
           "Each step: a fresh cluster per contender, the contenders side by side under the CPU "
           "hog on every core and the disk writer together (the loaded stability run's load) for "
           "the step's length (%d s); a false failover is an answering-node "
           "change, an outage over 1 s or a membership change in the contender's log. A contender "
           "stops at the first step that shows one (or that does not start); the others go on."
           % options["search_seconds"], "",
           "| contender | setting | polls | node changes | outages > 1 s | membership changes | verdict |",
           "|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        for label, p in r.get("search", []):
            verdict = "stable" if p.get("false") == 0 else "**false failover**"
            out.append("| %s | %s %s %s |" % (name, label, quiet_cells(p),
                                              "**did not start**" if p.get("error") else verdict))
        if r.get("settings", {}).get("candidates"):
            out.append("| %s | **candidates for the stability runs: %s** | | | | | |"
                       % (name, " and ".join(r["settings"]["candidates"])))
    return out + [""]


def stability_table(results, minutes):
    out = ["### Stability (%g min each, nothing failed): the fastest stable setting" % minutes, "",
           "Each contender's last setting that passed the search (its candidate) and the one "
           "before it, all side by side, nothing failing in their clusters: `cpu+disk` under the "
           "CPU hog on every core and the disk writer together; `idle` while the seed-setting "
           "fault batches ran beside them. A contender's fastest stable setting is its candidate "
           "if both runs there showed no false failover, else the one before it; the faults at "
           "the fastest stable settings ran there.", "",
           "| contender | setting | load | polls | node changes | outages > 1 s | membership changes | false failovers | fastest stable |",
           "|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        chosen = r.get("settings", {}).get("fastest")
        for label, loads in r.get("stability", {}).items():
            mark = ("**yes**" if r.get("proven_stable") else "**yes, not proven stable**") \
                if label == chosen else ""
            for load, p in loads.items():
                out.append("| %s | %s | %s %s %s | %s |" % (name, label, load, quiet_cells(p),
                                                          p.get("false", "—"), mark))
    return out + [""]


def footprint_table(results, seconds):
    out = ["### Footprint at the seed settings (idle, %d s)" % seconds, "",
           "Measured on the first seed-setting batch's clusters while they sat idle before their "
           "faults, averaged over those clusters (the other contenders' clusters were down).", "",
           "| contender | node | processes | CPU, % of one core | RSS MiB | CPU ÷ Systole's | RSS ÷ Systole's |",
           "|---|---|---|---|---|---|---|"]
    ours = results.get("Systole", {}).get("footprint", {})
    for name, r in results.items():
        for node, f in r.get("footprint", {}).items():
            o = ours.get(node, {})
            out.append("| %s | %s | %d | %.2f | %.1f | %s | %s |" % (
                name, node, f["processes"], f["cpu_pct"], f["rss_mib"],
                ratio(f["cpu_pct"], o.get("cpu_pct")), ratio(f["rss_mib"], o.get("rss_mib"))))
    return out + [""]


def tables(results, options):
    out = []
    for kind in KINDS:
        for fault in FAULTS:
            out += fault_table(results, kind, fault)
    if any(r.get("search") for r in results.values()):
        out += search_table(results, options)
    if any(r.get("stability") for r in results.values()):
        out += stability_table(results, options["stability_minutes"])
    if any(r.get("footprint") for r in results.values()):
        out += footprint_table(results, options["footprint_seconds"])
    return "\n".join(out)


def sh(*args):
    out = subprocess.run(args, capture_output=True, text=True)
    return (out.stdout + out.stderr).strip()


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return ["| | |", "|---|---|",
            "| CPU | `nproc` = %s, %s |" % (sh("nproc"), model),
            "| kernel | %s |" % platform.release(),
            "| java | %s |" % sh("java", "-version").splitlines()[0],
            "| load average at the end | %s (the machine is shared with other engineers' builds "
            "and tests) |" % " ".join(open("/proc/loadavg").read().split()[:3])]


HOW = ("How the race runs. Every run has a fresh cluster of its own (two node namespaces and a "
       "client on a bridge). (1) The search steps the three contenders down their ladders together "
       "under one shared load (CPU hog and disk writer), a fresh cluster per contender per step; "
       "each contender's last "
       "step that passed is its candidate, the step before its fallback. (2) Stability under "
       "load: every candidate and fallback side by side under the CPU hog on every core and the "
       "`dd oflag=direct` writer at once (our reading of the issue's second load: both "
       "together). (3) Idle stability, the same clusters' kind side by side again, runs beside the "
       "faults at the seed settings: nothing fails or loads its clusters, but the fault batches' "
       "starts and takeovers run next to them. A contender's fastest stable setting is its "
       "candidate if both stability runs there were free of false failovers, else its fallback. "
       "Footprint is taken at the seed settings on the first batch's idle clusters. (4) The faults "
       "at the fastest stable settings, alone. Faults come in batches: for each contender, setting "
       "and fault, up to `--batch` clusters (`--fast-batch` where detection takes under 2 s: "
       "fast-heartbeating neighbours are not idle) are brought up side by side and settled "
       "together (past initdead, and at least 6 s after ha2 started: Systole's heartbeat threads "
       "go realtime 5 s after its start, Heartbeat's first fault 1.5 s after joining took seconds), "
       "then faulted one at a time while the others sit idle, their pollers off; clusters are torn "
       "down together at the batch's end. At the fastest stable settings a fault is struck only "
       "once the previous run's survivor answered (and a frozen node woke 1 s before; wake-ups and "
       "checks wait while a run is measured): every figure was measured alone. At the seed "
       "settings, where a run is mostly the deadtime's idle wait, faults are struck every "
       "detection / 4 s (1.25 s at deadtime 5 s, 0.9 s for keepalived's advert 1 s), so several "
       "runs wait for detection at once; the column *runs overlapped* counts the runs whose "
       "takeover came within 250 ms of another run's strike, takeover or wake-up, with the "
       "smallest such gap (`--alone` measures these alone too, slower). Heartbeat runs SCHED_RR "
       "(its default `realtime on`), Systole its default realtime (heartbeat threads SCHED_RR), "
       "keepalived `vrrp_rt_priority 50` and `vrrp_no_swap`. The service is busybox httpd "
       "started by the same `websvc` script under all three (it listens within a millisecond or "
       "two, so the figures are the engines').")


def document(results, options, versions, command, elapsed_s, notes, phases=None):
    lines = ["# The failover race: results", "",
             "Produced by `bench/failover/race` (see `bench/README.md`). Times are from the fault "
             "to the first HTTP answer from the survivor, read from a poller in the client "
             "namespace that asks every 5 ms. Ratios are the contender's figure divided by "
             "Systole's: above 1, Systole is faster (or smaller).", "",
             "## Command", "", "```", command, "```", "",
             "Wall time: %d min %d s%s." % (elapsed_s // 60, elapsed_s % 60, "".join(
                 "; %s %d min %d s" % (k, v // 60, v % 60) for k, v in (phases or {}).items())),
             "", HOW, ""]
    lines += notes + [""] if notes else []
    lines += ["## Machine", ""] + machine() + ["", "## Versions", "", "| contender | version |",
                                                 "|---|---|"]
    lines += ["| %s | %s |" % (k, v) for k, v in versions.items()]
    lines += ["", "## Results", "", tables(results, options)]
    tuning = paths.FAILOVER / "TUNING.md"
    if tuning.exists():  # the explanation of the figures, kept by hand beside the generator
        lines += ["", tuning.read_text().rstrip()]
    return "\n".join(lines) + "\n"
