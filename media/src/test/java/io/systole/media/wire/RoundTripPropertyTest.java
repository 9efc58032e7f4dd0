package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * decode(encode(m)) == m and encode(decode(b)) == b for seeded random messages and keys, in both
 * framings. The seed is reported and in every failure message; rerun with {@code -Dseed=N}.
 */
class RoundTripPropertyTest {
  private static final long SEED = Long.getLong("seed", System.nanoTime());

  @Test
  void bothFramingsRoundTripExactly(final TestReporter reporter) throws WireFormatException {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    for (int i = 0; i < 2000; i++) {
      final String where = "seed " + SEED + ", message " + i;
      final AuthKeys keys = RandomMessages.keys(r);
      final HeartbeatMessage m = RandomMessages.message(r);
      final NetstringCodec net = new NetstringCodec(keys);
      final byte[] datagram = net.encode(m);
      assertEquals(m, net.decode(datagram), where);
      assertArrayEquals(datagram, net.encode(net.decode(datagram)), where);
      final ClassicCodec classic = new ClassicCodec(keys);
      final byte[] frame = classic.encode(m);
      assertEquals(m, classic.decode(frame), where);
      assertArrayEquals(frame, classic.encode(classic.decode(frame)), where);
    }
  }

  @Test
  void anyConfiguredIndexVerifies(final TestReporter reporter) throws WireFormatException {
    reporter.publishEntry("seed", Long.toString(SEED));
    final Random r = new Random(SEED);
    for (int i = 0; i < 200; i++) {
      final String where = "seed " + SEED + ", message " + i;
      final Authenticator oldKey = RandomMessages.authenticator(r, 1);
      final Authenticator newKey = RandomMessages.authenticator(r, 2);
      final AuthKeys before = AuthKeys.of(1, oldKey, newKey);
      final AuthKeys after = AuthKeys.of(2, oldKey, newKey);
      final AuthKeys onlyOld = AuthKeys.of(1, oldKey);
      final HeartbeatMessage m = RandomMessages.message(r);
      assertEquals(
          m, new NetstringCodec(after).decode(new NetstringCodec(onlyOld).encode(m)), where);
      assertEquals(
          m, new NetstringCodec(before).decode(new NetstringCodec(after).encode(m)), where);
      assertEquals(m, new ClassicCodec(after).decode(new ClassicCodec(onlyOld).encode(m)), where);
      assertEquals(m, new ClassicCodec(before).decode(new ClassicCodec(after).encode(m)), where);
    }
  }
}
