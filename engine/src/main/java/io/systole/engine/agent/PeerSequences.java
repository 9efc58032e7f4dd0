package io.systole.engine.agent;

/**
 * Heartbeat's per-peer bookkeeping of generations and sequence numbers, judging each authenticated
 * message before it reaches the detector. A peer's generation grows at every restart; within one,
 * its sequence numbers grow by one per message, and each message travels on every medium, so the
 * first copy is news and the others duplicates. A message overtaken by newer ones fills its gap
 * when it arrives, as in Heartbeat.
 *
 * <p>Unlike Heartbeat, one message with a huge generation cannot lock a peer out: a generation more
 * than a day ahead of this node's clock (generations start at the Unix time of a node's first start
 * and grow by one per restart) is refused, and when messages of the generation a peer supposedly
 * left keep arriving with new sequence numbers, the switch was forged: it is undone and that
 * generation refused from then on. Allocation-free; one instance per daemon, owned by the
 * cluster-logic thread.
 */
public final class PeerSequences {
  /** A peer's stream is acknowledged every this many messages (as Heartbeat does). */
  public static final long ACK_EVERY = 10;

  /** How many sequence numbers below the newest a late message may fill a gap. */
  public static final int WINDOW = 64;

  /** How far ahead of this node's clock, in seconds, a generation may be. */
  public static final long GENERATION_SLACK_SECONDS = 86_400L;

  /** What a message is, for its sender's stream. */
  public enum Verdict {
    /** The next (or a later) message of the current generation: news. */
    NEW,
    /** The first message of a higher generation: the peer restarted. */
    RESTARTED,
    /** The newest message again, from another medium: proves that medium, carries no news. */
    DUPLICATE,
    /**
     * An older message of the current generation that never arrived before, overtaken on the way (a
     * Heartbeat node's messages from its child processes overtake its own): it fills its gap, as
     * Heartbeat takes it. Only within the last {@link #WINDOW} sequence numbers, and only once.
     */
    LATE,
    /** An older message of the current generation received before (or too old): dropped. */
    OLD,
    /** A message of a generation the peer has left: dropped (Heartbeat calls it a replay). */
    STALE_GENERATION,
    /** A generation implausibly far ahead of this node's clock: dropped, tracking unchanged. */
    IMPLAUSIBLE_GENERATION;

    /** Whether the message is a heartbeat on its medium (news or a duplicate of the newest). */
    public boolean alive() {
      return this == NEW || this == RESTARTED || this == DUPLICATE || this == LATE;
    }
  }

  private final long[] generation;
  private final long[] seq;

  /** Bit i: message seq - i of the current generation was received (bit 0, the newest, always). */
  private final long[] received;

  private final long[] previousGeneration;
  private final long[] previousSeq;
  private final long[] lost;
  private final long[] forged;
  private final long[] forgedGeneration;
  private final long[] acked;
  private final long[] ackedGeneration;

  /** Bookkeeping for {@code nodes} nodes, known by index. */
  public PeerSequences(final int nodes) {
    generation = new long[nodes];
    seq = new long[nodes];
    received = new long[nodes];
    previousGeneration = new long[nodes];
    previousSeq = new long[nodes];
    lost = new long[nodes];
    forged = new long[nodes];
    forgedGeneration = new long[nodes];
    acked = new long[nodes];
    ackedGeneration = new long[nodes];
  }

  /**
   * Judges message {@code s} of generation {@code g} from node {@code node}, received when this
   * node's clock read {@code nowMicros}, and records it.
   */
  public Verdict accept(final int node, final long g, final long s, final long nowMicros) {
    final long current = generation[node];
    if (g > current) {
      if (g == forgedGeneration[node]) {
        return Verdict.STALE_GENERATION;
      }
      if (g > nowMicros / 1_000_000L + GENERATION_SLACK_SECONDS) {
        return Verdict.IMPLAUSIBLE_GENERATION;
      }
      previousGeneration[node] = current;
      previousSeq[node] = seq[node];
      generation[node] = g;
      seq[node] = s;
      received[node] = -1L; // what came before its first message was never counted lost
      return Verdict.RESTARTED;
    }
    if (g < current) {
      if (g == previousGeneration[node] && g != 0 && s > previousSeq[node]) {
        // The generation the peer supposedly left is still talking: the switch was forged.
        forged[node]++;
        forgedGeneration[node] = current;
        generation[node] = g;
        seq[node] = s;
        received[node] = -1L;
        previousGeneration[node] = 0;
        return Verdict.NEW;
      }
      return Verdict.STALE_GENERATION;
    }
    if (s > seq[node]) {
      final long ahead = s - seq[node];
      lost[node] += ahead - 1;
      received[node] = ahead >= WINDOW ? 1 : received[node] << ahead | 1;
      seq[node] = s;
      return Verdict.NEW;
    }
    final long behind = seq[node] - s;
    if (behind == 0) {
      return Verdict.DUPLICATE;
    }
    if (behind < WINDOW && (received[node] & 1L << behind) == 0) {
      received[node] |= 1L << behind;
      lost[node]--;
      return Verdict.LATE;
    }
    return Verdict.OLD;
  }

  /**
   * The sequence number of node {@code node} to acknowledge now, or -1 (Heartbeat's flow control):
   * the newest message of each new generation at once, then every {@link #ACK_EVERY} messages.
   * Records what it returns; call it after a message of that node was accepted as news.
   */
  public long ackDue(final int node) {
    if (ackedGeneration[node] != generation[node] || seq[node] - acked[node] >= ACK_EVERY) {
      ackedGeneration[node] = generation[node];
      acked[node] = seq[node];
      return seq[node];
    }
    return -1;
  }

  /** Forgets node {@code node} (it was removed from the configuration, say). */
  public void reset(final int node) {
    generation[node] = 0;
    seq[node] = 0;
    received[node] = 0;
    previousGeneration[node] = 0;
    previousSeq[node] = 0;
    forgedGeneration[node] = 0;
    acked[node] = 0;
    ackedGeneration[node] = 0;
  }

  /** Messages of node {@code node} never received: gaps in its sequence numbers. */
  public long lost(final int node) {
    return lost[node];
  }

  /** Generation switches of node {@code node} undone as forged. */
  public long forged(final int node) {
    return forged[node];
  }

  /** The current generation of node {@code node}, 0 before its first message. */
  public long generation(final int node) {
    return generation[node];
  }
}
