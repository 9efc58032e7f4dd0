package io.systole.engine.agent;

import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.HeartbeatView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Heartbeat's {@code t=status} message as Systole sends it, and the {@link Announcement} it carries
 * in fields of its own ({@code sy_hold}, {@code sy_ready}, {@code sy_failed}, {@code sy_standby},
 * {@code sy_takeover}: group names separated by spaces, absent when empty; {@code sy_ready} always
 * present, 1 or 0, marking a Systole sender; {@code sy_term}: the claim number of each group in
 * {@code sy_hold}, in hex, in the same order; {@code sy_hears}: the peers it hears, {@code .} for
 * none, absent from a sender that does not say, which counts as hearing everyone; {@code sy_ping}:
 * the ping groups it reaches; {@code sy_leave}: 1 while its daemon stops cleanly), which a
 * Heartbeat 3.0.6 node stores and ignores. A claim whose number is missing or unreadable counts as
 * number 0, the oldest. Reading the announcement back allocates only when it differs from the
 * sender's previous one, which is rare: the bytes are compared first.
 */
public final class StatusMessages {
  static final byte[] STATUS = HeartbeatView.ascii("status");
  private static final String[] FIELDS = {
    "sy_hold",
    "sy_ready",
    "sy_failed",
    "sy_standby",
    "sy_takeover",
    "sy_term",
    "sy_hears",
    "sy_ping",
    "sy_leave"
  };

  /** The value of {@code sy_hears} for a node that hears no peer. */
  private static final String NOBODY = ".";

  private static final byte[][] FIELD_BYTES = new byte[FIELDS.length][];

  static {
    for (int i = 0; i < FIELDS.length; i++) {
      FIELD_BYTES[i] = HeartbeatView.ascii(FIELDS[i]);
    }
  }

  private final byte[][][] last;
  private final Announcement[] cached;

  /** A reader for messages from {@code nodes} nodes, known by index. */
  public StatusMessages(final int nodes) {
    last = new byte[nodes][FIELDS.length][];
    cached = new Announcement[nodes];
  }

  /**
   * The status message of node {@code self}, as Heartbeat orders its fields ({@code src}, {@code
   * seq}, {@code hg}, {@code ts}, {@code ttl} after the type's own), numbers in hex.
   *
   * @param deadtimeMillis the deadtime peers should apply to this node ({@code dt})
   */
  public static HeartbeatMessage status(
      final String self,
      final long seq,
      final long generation,
      final long deadtimeMillis,
      final int ttl,
      final long nowSeconds,
      final Announcement a) {
    final HeartbeatMessage.Builder b =
        HeartbeatMessage.builder()
            .add("t", "status")
            .add("st", "active")
            .add("dt", HeartbeatMessage.hex(deadtimeMillis))
            .add("protocol", "1");
    addList(b, FIELDS[0], a.claims());
    if (!a.claims().isEmpty()) {
      final StringBuilder terms = new StringBuilder();
      for (final long term : a.claimTerms()) {
        terms.append(terms.length() == 0 ? "" : " ").append(HeartbeatMessage.hex(term));
      }
      b.add(FIELDS[5], terms.toString());
    }
    b.add(FIELDS[1], a.ready() ? "1" : "0");
    addList(b, FIELDS[2], a.failed());
    addList(b, FIELDS[3], a.standby());
    addList(b, FIELDS[4], a.takeover());
    b.add(FIELDS[6], a.hears().isEmpty() ? NOBODY : String.join(" ", a.hears()));
    addList(b, FIELDS[7], a.pings());
    if (a.leaving()) {
      b.add(FIELDS[8], "1");
    }
    return b.origin(self, seq, generation, nowSeconds, ttl).build();
  }

  private static void addList(
      final HeartbeatMessage.Builder b, final String name, final List<String> values) {
    if (!values.isEmpty()) {
      b.add(name, String.join(" ", values));
    }
  }

  /**
   * The announcement in the message {@code view} holds from node {@code sender}, or null when it
   * carries none (a Heartbeat node's status).
   */
  public Announcement read(final HeartbeatView view, final int sender, final String senderName) {
    if (view.indexOf(FIELD_BYTES[1]) < 0) {
      return null;
    }
    final byte[] buf = view.buffer();
    boolean same = cached[sender] != null;
    for (int i = 0; i < FIELDS.length && same; i++) {
      final int f = view.indexOf(FIELD_BYTES[i]);
      final byte[] seen = last[sender][i];
      same =
          f < 0
              ? seen == null
              : seen != null
                  && Arrays.equals(
                      seen,
                      0,
                      seen.length,
                      buf,
                      view.valueOffset(f),
                      view.valueOffset(f) + view.valueLength(f));
    }
    if (same) {
      return cached[sender];
    }
    final String[] values = new String[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      final int f = view.indexOf(FIELD_BYTES[i]);
      last[sender][i] =
          f < 0
              ? null
              : Arrays.copyOfRange(
                  buf, view.valueOffset(f), view.valueOffset(f) + view.valueLength(f));
      values[i] = f < 0 ? "" : new String(last[sender][i], StandardCharsets.UTF_8);
    }
    final List<String> claims = split(values[0]);
    cached[sender] =
        new Announcement(
            senderName,
            claims,
            terms(split(values[5]), claims.size()),
            "1".equals(values[1]),
            split(values[2]),
            split(values[3]),
            split(values[4]),
            hears(values[6], view.indexOf(FIELD_BYTES[6]) >= 0),
            split(values[7]),
            "1".equals(values[8]));
    return cached[sender];
  }

  /** The peers a sender hears: everyone when it does not say ({@code present} false). */
  private static List<String> hears(final String value, final boolean present) {
    if (!present) {
      return io.systole.journal.event.PeerStatus.HEARS_ALL;
    }
    return NOBODY.equals(value) ? List.of() : split(value);
  }

  /** The claim numbers in {@code hex}, one per claim; 0 for each that is missing or unreadable. */
  private static List<Long> terms(final List<String> hex, final int claims) {
    final Long[] terms = new Long[claims];
    for (int i = 0; i < claims; i++) {
      long term = 0;
      if (i < hex.size() && hex.get(i).length() <= 15) {
        try {
          term = Long.parseLong(hex.get(i), 16);
        } catch (NumberFormatException e) {
          term = 0; // a peer's garbled number must not cost the claim itself
        }
      }
      terms[i] = Math.max(0, term);
    }
    return List.of(terms);
  }

  private static List<String> split(final String value) {
    return value.isEmpty() ? List.of() : List.of(value.trim().split(" +"));
  }
}
