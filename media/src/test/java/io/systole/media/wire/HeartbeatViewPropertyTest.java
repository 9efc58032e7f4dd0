package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.ViewEquivalence.Outcome;
import io.systole.media.wire.WireFormatException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The flyweight agrees with the allocating codecs ({@link ViewEquivalence}) on the captured
 * messages, on seeded random messages from the encoders (Heartbeat-shaped and arbitrary, both
 * framings, at an offset inside a larger buffer) and on mutated and truncated ones, and it never
 * throws. The seed is reported and in every failure message; rerun with {@code -Dseed=N}.
 */
class HeartbeatViewPropertyTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final List<String> NODES = List.of("n1", "n2", "alpha-node", "ha3.example.org");

  @Test
  void capturedMessagesAgree() {
    final ViewEquivalence eq = new ViewEquivalence(Samples.sha1Keys(), NodeNames.of(NODES));
    final byte[] d = Samples.STATUS_DATAGRAM;
    assertEquals(Outcome.ACCEPTED, eq.check(d, 0, d.length, false, "captured datagram"));
    final byte[] f = Samples.SERIAL_FRAME;
    assertEquals(Outcome.ACCEPTED, eq.check(f, 0, f.length, true, "serial frame"));
  }

  @Test
  void randomEncodedMessagesAgree(final TestReporter reporter) {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    for (int i = 0; i < 2000; i++) {
      final String where = "seed " + SEED + ", message " + i;
      final AuthKeys keys = RandomMessages.keys(r);
      final ViewEquivalence eq = new ViewEquivalence(keys, NodeNames.of(NODES));
      final HeartbeatMessage m =
          r.nextBoolean() ? RandomMessages.heartbeat(r, NODES) : RandomMessages.message(r);
      final int pad = r.nextInt(3) == 0 ? r.nextInt(20) : 0;
      final byte[] datagram = padded(r, new NetstringCodec(keys).encode(m), pad);
      final int len = datagram.length - 2 * pad;
      assertEquals(Outcome.ACCEPTED, eq.check(datagram, pad, len, false, where), where);
      eq.assertSameFields(m, where);
      final byte[] frame = padded(r, new ClassicCodec(keys).encode(m), pad);
      assertEquals(Outcome.ACCEPTED, eq.check(frame, pad, frame.length - 2 * pad, true, where));
      eq.assertSameFields(m, where);
    }
  }

  @Test
  void mutatedMessagesAgreeAndNeverThrow(final TestReporter reporter) {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    final Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
    final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (int i = 0; i < 4000; i++) {
      final String where = "seed " + SEED + ", mutation " + i;
      final int index = r.nextInt(15);
      final Authenticator crc = Authenticator.crc(index + 1);
      final AuthKeys keys = AuthKeys.of(index, RandomMessages.authenticator(r, index), crc);
      final ViewEquivalence eq = new ViewEquivalence(keys, NodeNames.of(NODES));
      final HeartbeatMessage m =
          r.nextBoolean() ? RandomMessages.heartbeat(r, NODES) : RandomMessages.message(r);
      final byte[] datagram = RandomMessages.mutate(r, new NetstringCodec(keys).encode(m));
      count(outcomes, eq.check(datagram, 0, datagram.length, false, where), reasons, eq);
      final byte[] resigned = RandomMessages.resignNetstring(datagram, crc);
      count(outcomes, eq.check(resigned, 0, resigned.length, false, where), reasons, eq);
      final byte[] frame = RandomMessages.mutate(r, new ClassicCodec(keys).encode(m));
      count(outcomes, eq.check(frame, 0, frame.length, true, where), reasons, eq);
      final ByteSink text = new ByteSink(256);
      ClassicText.write(m, text);
      final byte[] lines =
          RandomMessages.classicFrame(RandomMessages.mutate(r, text.toByteArray()), crc);
      count(outcomes, eq.check(lines, 0, lines.length, true, where), reasons, eq);
    }
    reporter.publishEntry("outcomes", outcomes.toString());
    reporter.publishEntry("reasons", reasons.toString());
    // The mutations must reach every verdict, or the test proves less than it claims.
    for (final Outcome o : Outcome.values()) {
      assertTrue(outcomes.getOrDefault(o, 0) > 0, o + " never seen: " + outcomes);
    }
    for (final Reason why :
        List.of(Reason.TRUNCATED, Reason.BAD_LENGTH, Reason.MALFORMED, Reason.BAD_AUTH)) {
      assertTrue(reasons.getOrDefault(why, 0) > 0, why + " never seen: " + reasons);
    }
  }

  private static void count(
      final Map<Outcome, Integer> outcomes,
      final Outcome o,
      final Map<Reason, Integer> reasons,
      final ViewEquivalence eq) {
    outcomes.merge(o, 1, Integer::sum);
    if (o != Outcome.ACCEPTED) {
      reasons.merge(eq.view().reason(), 1, Integer::sum);
    }
  }

  @Test
  void truncatedAnywhereAgrees(final TestReporter reporter) {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    for (int i = 0; i < 20; i++) {
      final AuthKeys keys = RandomMessages.keys(r);
      final ViewEquivalence eq = new ViewEquivalence(keys, NodeNames.of(NODES));
      final HeartbeatMessage m = RandomMessages.heartbeat(r, NODES);
      final byte[] datagram = new NetstringCodec(keys).encode(m);
      final byte[] frame = new ClassicCodec(keys).encode(m);
      for (int len = 0; len < datagram.length; len++) {
        final String where = "seed " + SEED + ", message " + i + ", length " + len;
        assertEquals(Outcome.REJECTED, eq.check(datagram, 0, len, false, where), where);
      }
      for (int len = 0; len < frame.length; len++) {
        final String where = "seed " + SEED + ", message " + i + ", length " + len;
        assertEquals(Outcome.REJECTED, eq.check(frame, 0, len, true, where), where);
      }
    }
  }

  @Test
  void capturedMessagesTruncatedAnywhereAgree() {
    final ViewEquivalence eq = new ViewEquivalence(Samples.sha1Keys(), NodeNames.of(NODES));
    for (final byte[] d : List.of(Samples.STATUS_DATAGRAM, Samples.SERIAL_FRAME)) {
      for (int len = 0; len < d.length; len++) {
        final String where = "length " + len;
        eq.check(d, 0, len, false, where);
        eq.check(d, 0, len, true, where);
      }
    }
  }

  @Test
  void arbitraryBytesAgree(final TestReporter reporter) {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    final ViewEquivalence eq = new ViewEquivalence(Samples.sha1Keys(), NodeNames.of(NODES));
    final byte[] alphabet =
        "###%%%>>><<<\n:,=()0123456789auth t".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 5000; i++) {
      final byte[] d = new byte[r.nextInt(60)];
      for (int k = 0; k < d.length; k++) {
        d[k] = r.nextBoolean() ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(256);
      }
      eq.checkBoth(d, "seed " + SEED + ", bytes " + i);
    }
  }

  /** {@code data} with {@code pad} random bytes on both sides. */
  private static byte[] padded(final Random r, final byte[] data, final int pad) {
    final byte[] out = new byte[data.length + 2 * pad];
    r.nextBytes(out);
    System.arraycopy(data, 0, out, pad, data.length);
    return out;
  }
}
