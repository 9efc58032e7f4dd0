package io.systole.media;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one link's counters, taken at one moment (each counter is read once; they are not
 * read atomically together). Counters only grow while the process runs.
 */
public final class LinkStats {
  private final String name;
  private final LinkState state;
  private final long attempts;
  private final long framesIn;
  private final long bytesIn;
  private final long framesOut;
  private final long bytesOut;
  private final long forwarded;
  private final long forwardTtlSpent;
  private final long forwardRejected;
  private final long[] drops;

  LinkStats(final String name, final LinkState state, final long[] values, final long[] drops) {
    this.name = name;
    this.state = state;
    this.attempts = values[0];
    this.framesIn = values[1];
    this.bytesIn = values[2];
    this.framesOut = values[3];
    this.bytesOut = values[4];
    this.forwarded = values[5];
    this.forwardTtlSpent = values[6];
    this.forwardRejected = values[7];
    this.drops = drops.clone();
  }

  /** The link's name. */
  public String name() {
    return name;
  }

  /** The link's state when the snapshot was taken. */
  public LinkState state() {
    return state;
  }

  /** How many times the link tried to bind or open its medium (1 if the first try worked). */
  public long attempts() {
    return attempts;
  }

  /** Frames handed to the frame handler (those it threw on also count as {@code HANDLER_ERROR}). */
  public long framesIn() {
    return framesIn;
  }

  /** Bytes of the frames handed to the frame handler. */
  public long bytesIn() {
    return bytesIn;
  }

  /**
   * Frames {@link Link#send} accepted, including serial forwards (one that then fails to go out
   * also counts as {@code SEND_FAILED}).
   */
  public long framesOut() {
    return framesOut;
  }

  /** Bytes of those frames. */
  public long bytesOut() {
    return bytesOut;
  }

  /** Serial: frames received here and forwarded to the other serial links. */
  public long forwarded() {
    return forwarded;
  }

  /** Serial: frames received here and not forwarded because their {@code ttl} was spent. */
  public long forwardTtlSpent() {
    return forwardTtlSpent;
  }

  /**
   * Serial: frames received here and not forwarded because they did not decode or authenticate, or
   * lacked {@code src} or a numeric {@code ttl} (they still went to the frame handler).
   */
  public long forwardRejected() {
    return forwardRejected;
  }

  /** Frames dropped for {@code reason}. */
  public long drops(final DropReason reason) {
    return drops[reason.ordinal()];
  }

  /** Frames dropped for any reason. */
  public long totalDrops() {
    long sum = 0;
    for (final long d : drops) {
      sum += d;
    }
    return sum;
  }

  /** The non-zero drop counters by reason. */
  public Map<DropReason, Long> dropsByReason() {
    final Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
    for (final DropReason r : DropReason.values()) {
      if (drops[r.ordinal()] != 0) {
        out.put(r, drops[r.ordinal()]);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return name
        + " "
        + state
        + " attempts="
        + attempts
        + " in="
        + framesIn
        + "/"
        + bytesIn
        + "B out="
        + framesOut
        + "/"
        + bytesOut
        + "B forwarded="
        + forwarded
        + " ttlSpent="
        + forwardTtlSpent
        + " fwdRejected="
        + forwardRejected
        + " drops="
        + dropsByReason();
  }
}
