"""The race's results as Markdown: one table per scenario, each contender's figures and its ratio
to Systole's, plus the machine, the versions and the command that produced them."""
import platform
import subprocess

from . import measure
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
    if fault == "freeze":
        head += " served after waking | address on one node at the end |"
        sep += "---|---|"
    out = ["### %s, %s" % (FAULT_TITLES[fault], KINDS[kind]), "", head, sep]
    for name, label, runs, s in rows:
        line = "| %s | %s | %d (%d) | %s | %s | %s | %s | %s |" % (
            name, label, len(runs), len(runs) - s["n"], ms(s["median"]), ms(s["p90"]),
            ms(s["max"]), ratio(s["median"], ours and ours["median"]),
            ratio(s["p90"], ours and ours["p90"]))
        if fault == "freeze":
            woke = sum(1 for x in runs if x.get("served_after_wake"))
            single = sum(1 for x in runs if len(x.get("holders", [])) == 1)
            line += " %d of %d runs | %d of %d runs |" % (woke, len(runs), single, len(runs))
        out.append(line)
    return out + [""]


def search_table(results):
    out = ["### The search for each contender's fastest stable setting", "",
           "Each step: a fresh cluster, both cores saturated by a CPU hog for the probe's length; a "
           "false failover is an answering-node change, an outage over 1 s or a membership change "
           "in the contender's log. The search stops at the first step that shows one.", "",
           "| contender | setting | polls | node changes | outages > 1 s | membership changes | verdict |",
           "|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        for label, p in r.get("search", []):
            out.append("| %s | %s | %d | %d | %d | %d | %s |" % (
                name, label, p["polls"], p["switches"], p["outages"], p["events"],
                "stable" if p["false"] == 0 else "**false failover**"))
        if "fastest" in r.get("settings", {}):
            out.append("| %s | **fastest stable: %s** | | | | | |" % (name, r["settings"]["fastest"]))
    return out + [""]


def stability_table(results, minutes):
    out = ["### Stability at the fastest stable setting (%g min each, nothing failed)" % minutes, "",
           "| contender | setting | load | polls | node changes | outages > 1 s | membership changes | false failovers |",
           "|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        for load, s in r.get("stability", {}).items():
            out.append("| %s | %s | %s | %d | %d | %d | %d | %d |" % (
                name, r["settings"]["fastest"], load, s["polls"], s["switches"], s["outages"],
                s["events"], s["false"]))
    return out + [""]


def footprint_table(results, seconds):
    out = ["### Footprint at the seed settings (idle, %d s)" % seconds, "",
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
        out += search_table(results)
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


def document(results, options, versions, command, elapsed_s, notes):
    lines = ["# The failover race: results", "",
             "Produced by `bench/failover/race` (see `bench/README.md`). Times are from the fault "
             "to the first HTTP answer from the survivor, read from a poller in the client "
             "namespace that asks every 5 ms. Ratios are the contender's figure divided by "
             "Systole's: above 1, Systole is faster (or smaller).", "",
             "## Command", "", "```", command, "```", "",
             "Wall time: %d min %d s." % (elapsed_s // 60, elapsed_s % 60), ""]
    lines += notes + [""] if notes else []
    lines += ["## Machine", ""] + machine() + ["", "## Versions", "", "| contender | version |",
                                                 "|---|---|"]
    lines += ["| %s | %s |" % (k, v) for k, v in versions.items()]
    lines += ["", "## Results", "", tables(results, options)]
    return "\n".join(lines) + "\n"
