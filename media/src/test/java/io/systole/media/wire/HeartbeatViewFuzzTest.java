package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.ViewEquivalence.Outcome;

/**
 * Differential fuzzing of {@link HeartbeatView} against the codecs ({@link ViewEquivalence}): for
 * arbitrary bytes the view must never throw and must give the codec's verdict (same reason, same
 * offset; same fields when both accept). The bytes are tried as they are in both framings, as a
 * netstring body with a valid (crc) trailer, and as the lines of a classic frame with a valid crc
 * {@code auth} line, so that mutations get past the signatures; whatever the codec accepts is
 * re-encoded, both signatures valid, and must be accepted by the view. Seeded with the captured
 * Heartbeat messages (test resources, {@code HeartbeatViewFuzzTestInputs}). {@code mvn test}
 * replays the seeds; {@code JAZZER_FUZZ=1 mvn test -pl media -Dtest=HeartbeatViewFuzzTest} fuzzes
 * for real.
 */
class HeartbeatViewFuzzTest {
  private static final Authenticator CRC = Authenticator.crc(2);
  private static final AuthKeys KEYS = AuthKeys.of(2, Authenticator.sha1(1, Samples.KEY), CRC);
  private static final NodeNames NODES = NodeNames.of("n1", "n2");
  private static final ViewEquivalence EQ = new ViewEquivalence(KEYS, NODES);
  private static final NetstringCodec NET = new NetstringCodec(KEYS);
  private static final ClassicCodec CLASSIC = new ClassicCodec(KEYS);

  @FuzzTest(maxDuration = "60s")
  void viewAgreesWithCodecs(final byte[] data) {
    EQ.checkBoth(data, "as is");
    final byte[] resigned = RandomMessages.resignNetstring(data, CRC);
    reencoded(EQ.check(resigned, 0, resigned.length, false, "re-signed"), resigned, false);
    final byte[] framed = RandomMessages.classicFrame(data, CRC);
    reencoded(EQ.check(framed, 0, framed.length, true, "framed"), framed, true);
  }

  /**
   * If the codec accepted {@code data}, its message re-encoded must be accepted by the view too.
   */
  private static void reencoded(final Outcome o, final byte[] data, final boolean classic) {
    if (o == Outcome.REJECTED) {
      return;
    }
    final HeartbeatMessage m;
    try {
      m = classic ? CLASSIC.decode(data) : NET.decode(data);
    } catch (WireFormatException e) {
      throw new AssertionError("the codec changed its mind", e);
    }
    final byte[] again = classic ? CLASSIC.encode(m) : NET.encode(m);
    assertEquals(Outcome.ACCEPTED, EQ.check(again, 0, again.length, classic, "re-encoded"));
    EQ.assertSameFields(m, "re-encoded");
  }
}
