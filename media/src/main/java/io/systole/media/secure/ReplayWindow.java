package io.systole.media.secure;

import java.util.Arrays;

/**
 * One sender's replay state: the highest generation accepted and, within it, a sliding bitmap of
 * the sequence numbers seen among the last {@link #size()} below the highest (RFC 6479's ring of
 * words). The rule, for an authenticated envelope (generation g, sequence s):
 *
 * <ul>
 *   <li>nothing held yet (first contact since this node started): accept, hold g, and remember s as
 *       the floor of g;
 *   <li>g above the generation held: accept, and start over in g with no floor (the sender
 *       restarted; its first envelopes may arrive out of order);
 *   <li>g below it: {@link Verdict#OLD_GENERATION};
 *   <li>same g, s above the highest: accept and slide the window up to s;
 *   <li>same g, s at least {@link #size()} below the highest, or below the floor: {@link
 *       Verdict#BEHIND_WINDOW};
 *   <li>same g, s inside the window: accept once, {@link Verdict#DUPLICATE} after that.
 * </ul>
 *
 * <p>The floor closes a gap that restarting the receiver would open: the window lives in memory, so
 * after a restart this node could not tell envelopes it already accepted from new ones; with the
 * floor, nothing older than the first envelope heard is accepted. The window bounds reordering by
 * count, not time: at one envelope a second, a sequence up to {@link #size()} behind (17 minutes
 * with the default) that never arrived is still accepted once.
 *
 * <p>{@link #check} only reads; {@link #accept} changes the state and must follow a {@code check}
 * that said {@link Verdict#ACCEPTED} for the same pair, after the tag verified. Neither allocates.
 * Not thread-safe: owned by one {@link EnvelopeOpener}.
 */
public final class ReplayWindow {
  /**
   * The default window: 1024 sequence numbers, room for copies over several media, reordering and
   * retransmissions (Heartbeat keeps 500 messages for retransmission).
   */
  public static final int DEFAULT_SIZE = 1024;

  private final int size;
  private final long[] words;
  private final int mask;
  private long generation;
  private long highest;
  private long floor;

  /**
   * An empty window tracking {@code size} sequence numbers below the highest.
   *
   * @throws IllegalArgumentException unless {@code size} is a power of two, 64 to 65536
   */
  public ReplayWindow(final int size) {
    this.size = checkSize(size);
    // size / 64 + 1 words hold every sequence in (highest - size, highest]; round up to a power of
    // 2
    this.words = new long[Integer.highestOneBit(size / 64) << 1];
    this.mask = words.length - 1;
  }

  static int checkSize(final int size) {
    if (size < 64 || size > 65536 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("window size must be a power of two, 64..65536: " + size);
    }
    return size;
  }

  /** How many sequence numbers below the highest the window remembers. */
  public int size() {
    return size;
  }

  /** The generation held, 0 before the first envelope. */
  public long generation() {
    return generation;
  }

  /** The first sequence accepted since this node started, while in that generation; else 0. */
  public long floor() {
    return floor;
  }

  /** The highest sequence accepted in {@link #generation()}, 0 before the first envelope. */
  public long highest() {
    return highest;
  }

  /**
   * What {@link #accept} would do with ({@code gen}, {@code seq}): {@link Verdict#ACCEPTED}, {@link
   * Verdict#OLD_GENERATION}, {@link Verdict#BEHIND_WINDOW} or {@link Verdict#DUPLICATE}. Changes
   * nothing. {@code gen} and {@code seq} must be positive.
   */
  public Verdict check(final long gen, final long seq) {
    if (generation == 0 || gen > generation) {
      return Verdict.ACCEPTED;
    }
    if (gen < generation) {
      return Verdict.OLD_GENERATION;
    }
    if (seq > highest) {
      return Verdict.ACCEPTED;
    }
    if (highest - seq >= size || seq < floor) {
      return Verdict.BEHIND_WINDOW;
    }
    return (words[word(seq)] & bit(seq)) != 0 ? Verdict.DUPLICATE : Verdict.ACCEPTED;
  }

  /**
   * Records ({@code gen}, {@code seq}) as accepted. Call only after {@link #check} said {@link
   * Verdict#ACCEPTED} for this pair and the envelope's tag verified.
   */
  public void accept(final long gen, final long seq) {
    if (generation == 0 || gen > generation) {
      floor = generation == 0 ? seq : 0;
      generation = gen;
      highest = seq;
      Arrays.fill(words, 0L);
    } else if (seq > highest) {
      final long from = highest >>> 6;
      final long to = seq >>> 6;
      if (to - from >= words.length) {
        Arrays.fill(words, 0L);
      } else {
        for (long w = from + 1; w <= to; w++) {
          words[(int) (w & mask)] = 0L;
        }
      }
      highest = seq;
    }
    words[word(seq)] |= bit(seq);
  }

  private int word(final long seq) {
    return (int) ((seq >>> 6) & mask);
  }

  private static long bit(final long seq) {
    return 1L << (seq & 63);
  }

  @Override
  public String toString() {
    return "ReplayWindow[generation " + generation + ", highest " + highest + "]";
  }
}
