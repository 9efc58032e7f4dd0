package io.systole.engine.ping;

import java.util.List;

/**
 * The verdict on one ping group: a pure state machine fed one probe round at a time, with the
 * round's time from the caller's clock, so that tests drive it with a virtual clock. A round is
 * answered when any address of the group answered in it.
 *
 * <p>Transitions, checked on every round:
 *
 * <pre>
 * UNKNOWN     --answered-----------------------------------------&gt; REACHABLE
 * UNKNOWN     --no answer for max(deadping, initdead) since start--&gt; UNREACHABLE
 * REACHABLE   --no answer for deadping----------------------------&gt; UNREACHABLE
 * UNREACHABLE --answered in every round for deadping--------------&gt; REACHABLE
 * </pre>
 *
 * The last row is the hysteresis: a flapping path keeps the group UNREACHABLE, since one unanswered
 * round during recovery restarts the wait. At start the silence limit is initdead when it is longer
 * than deadping, because initdead exists for the same reason here as for peers: after boot the
 * network may take a while to pass packets, and an early UNREACHABLE would cost a further deadping
 * of recovery once it does. A path that works pays nothing for it: the first reply makes the group
 * REACHABLE at once.
 */
public final class PingVerdict {
  private static final long NEVER = Long.MIN_VALUE;

  private final String group;
  private final List<String> addresses;
  private final String addressList;
  private final long deadpingMs;
  private final long startLimitMs;
  private final long startMs;

  private Reachability reachability = Reachability.UNKNOWN;
  private long lastRoundMs;
  private long lastAnswerMs = NEVER;
  private long streakStartMs = NEVER;
  private long silenceBeforeStreakMs;
  private String detail = "";

  /**
   * A group with no verdict yet.
   *
   * @param group the group's name
   * @param addresses the group's addresses, in the order the rounds' answer indexes refer to
   * @param deadpingMs silence after which the group is unreachable, and the steady answering a
   *     recovery takes
   * @param initdeadMs the silence limit at start, when longer than deadping
   * @param startMs when probing started, on the clock of the rounds
   */
  public PingVerdict(
      final String group,
      final List<String> addresses,
      final long deadpingMs,
      final long initdeadMs,
      final long startMs) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("ping group " + group + " has no address; give one");
    }
    if (deadpingMs <= 0) {
      throw new IllegalArgumentException("deadping must be positive, not " + deadpingMs + " ms");
    }
    this.group = group;
    this.addresses = List.copyOf(addresses);
    this.addressList = String.join(", ", addresses);
    this.deadpingMs = deadpingMs;
    this.startLimitMs = Math.max(deadpingMs, initdeadMs);
    this.startMs = startMs;
    this.lastRoundMs = startMs;
  }

  /**
   * One probe round's outcome.
   *
   * @param nowMs when the round ended; never earlier than the previous round
   * @param answered the index of an address that answered in this round, or -1 if none did
   * @return whether the verdict changed; {@link #reachability()} and {@link #detail()} tell how
   */
  public boolean onRound(final long nowMs, final int answered) {
    if (nowMs < lastRoundMs) {
      throw new IllegalArgumentException(
          "rounds must come in time order: " + nowMs + " ms after " + lastRoundMs + " ms");
    }
    if (answered < -1 || answered >= addresses.size()) {
      throw new IndexOutOfBoundsException("address index " + answered + " of group " + group);
    }
    lastRoundMs = nowMs;
    return answered >= 0 ? answered(nowMs, answered) : unanswered(nowMs);
  }

  private boolean answered(final long nowMs, final int index) {
    final long silentSince = lastAnswerMs == NEVER ? startMs : lastAnswerMs;
    lastAnswerMs = nowMs;
    switch (reachability) {
      case UNKNOWN:
        return change(
            Reachability.REACHABLE,
            addresses.get(index) + " answered, the first reply since start");
      case UNREACHABLE:
        if (streakStartMs == NEVER) {
          streakStartMs = nowMs;
          silenceBeforeStreakMs = nowMs - silentSince;
        }
        final long steadyMs = nowMs - streakStartMs;
        if (steadyMs < deadpingMs) {
          return false;
        }
        streakStartMs = NEVER;
        return change(
            Reachability.REACHABLE,
            addresses.get(index)
                + " answered after "
                + duration(silenceBeforeStreakMs)
                + " of silence, then at every probe for "
                + duration(steadyMs)
                + " (deadping "
                + duration(deadpingMs)
                + ")");
      default:
        return false;
    }
  }

  private boolean unanswered(final long nowMs) {
    streakStartMs = NEVER;
    if (reachability == Reachability.UNREACHABLE) {
      return false;
    }
    final boolean atStart = lastAnswerMs == NEVER;
    final long silenceMs = nowMs - (atStart ? startMs : lastAnswerMs);
    final long limitMs = atStart ? startLimitMs : deadpingMs;
    if (silenceMs < limitMs) {
      return false;
    }
    return change(
        Reachability.UNREACHABLE,
        "no reply from "
            + addressList
            + " for "
            + duration(silenceMs)
            + (atStart ? " since start (" + limitName() : " (deadping")
            + " "
            + duration(limitMs)
            + ")");
  }

  private String limitName() {
    return startLimitMs > deadpingMs ? "initdead" : "deadping";
  }

  private boolean change(final Reachability to, final String why) {
    reachability = to;
    detail = why;
    return true;
  }

  /** The group's name. */
  public String group() {
    return group;
  }

  /** The current verdict. */
  public Reachability reachability() {
    return reachability;
  }

  /** Why the verdict last changed, as a line for the operator; "" before the first verdict. */
  public String detail() {
    return detail;
  }

  /** "250 ms", "2 s", "2.1 s": measured silences are ragged, so to a tenth of a second. */
  static String duration(final long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    final long tenths = (ms + 50) / 100;
    return tenths / 10 + (tenths % 10 == 0 ? "" : "." + tenths % 10) + " s";
  }
}
