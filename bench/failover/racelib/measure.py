"""What the poller's lines say: outages, who answered, and the statistics of many runs. Pure
functions over (micros, node) pairs, so --self-test can check them without a cluster."""
import math


def parse_answers(lines):
    """The poller's lines as (micros, node) pairs; node is None when nothing answered."""
    out = []
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit():
            out.append((int(parts[0]), None if parts[1] == "-" else parts[1]))
    return out


def first_answer_from(answers, node, since_us):
    """When node first answered a poll sent at or after since_us, or None."""
    for t, who in answers:
        if t >= since_us and who == node:
            return t
    return None


def answered_after(answers, node, since_us):
    """How many polls sent at or after since_us node answered."""
    return sum(1 for t, who in answers if t >= since_us and who == node)


def switches(answers, since_us=0):
    """How often the answering node changed (unanswered polls do not count as a node)."""
    last, count = None, 0
    for t, who in answers:
        if t < since_us or who is None:
            continue
        if last is not None and who != last:
            count += 1
        last = who
    return count


def outages(answers, longer_than_ms, since_us=0):
    """Stretches without any answer longer than longer_than_ms (from the first unanswered poll to
    the next answered one; a stretch still open at the end counts up to the last poll)."""
    count, silent_since, last_t = 0, None, None
    for t, who in answers:
        if t < since_us:
            continue
        last_t = t
        if who is None:
            if silent_since is None:
                silent_since = t
        else:
            if silent_since is not None and (t - silent_since) / 1000 > longer_than_ms:
                count += 1
            silent_since = None
    if silent_since is not None and (last_t - silent_since) / 1000 > longer_than_ms:
        count += 1
    return count


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of values; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values):
    if not values:
        return None
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def summary(values):
    """median, p90 and max of values (ms), None each when there are none."""
    return {"n": len(values), "median": median(values), "p90": percentile(values, 90),
            "max": max(values) if values else None}


def self_test():
    """Checks the functions above on hand-made poller lines; raises AssertionError on a fault."""
    a = [(0, "ha1"), (5000, "ha1"), (10000, None), (15000, None), (1_300_000, None),
         (1_305_000, "ha2"), (1_310_000, "ha2"), (1_315_000, "ha1")]
    assert parse_answers(["5 ha1", "7 -", "garbage", ""]) == [(5, "ha1"), (7, None)]
    assert first_answer_from(a, "ha2", 10000) == 1_305_000
    assert first_answer_from(a, "ha2", 1_400_000) is None
    assert answered_after(a, "ha1", 1_000_000) == 1
    assert switches(a) == 2 and switches(a, 1_310_000) == 1
    assert outages(a, 1000) == 1 and outages(a, 1300) == 0
    assert outages([(0, None), (2_000_000, None)], 1000) == 1, "an open outage counts"
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert percentile([5], 90) == 5 and percentile([], 90) is None
    assert median([3, 1, 2]) == 2 and median([4, 1, 2, 3]) == 2.5
    s = summary([100, 300, 200])
    assert (s["median"], s["p90"], s["max"], s["n"]) == (200, 300, 300, 3)
    assert summary([])["median"] is None
