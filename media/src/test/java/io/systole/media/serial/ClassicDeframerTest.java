package io.systole.media.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.systole.media.DropReason;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.ClassicCodec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting a serial byte stream into classic frames, with no cable: the deframer alone. */
class ClassicDeframerTest {
  private static final String F1 = ">>>\nt=status\nsrc=n1\nttl=3\nauth=1 abc\n<<<\n";
  private static final String F2 = ">>>\nt=status\nsrc=n2\nld=1 2 3 >>> <<<\nauth=1 def\n<<<\n";
  private static final String F3 = ">>>\n<<<\n";

  private final List<String> frames = new ArrayList<>();
  private final List<DropReason> drops = new ArrayList<>();

  private ClassicDeframer deframer(final int max) {
    return new ClassicDeframer(
        max,
        new ClassicDeframer.Sink() {
          @Override
          public void frame(final byte[] buf, final int len) {
            frames.add(new String(buf, 0, len, StandardCharsets.ISO_8859_1));
          }

          @Override
          public void dropped(final DropReason reason) {
            drops.add(reason);
          }
        });
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private void feed(final ClassicDeframer d, final String s) {
    final byte[] b = bytes(s);
    d.feed(b, 0, b.length);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20260517})
  void framesComeOutWholeWhateverTheReadBoundaries(final long seed) {
    final ClassicDeframer d = deframer(256);
    final byte[] stream = bytes(F1 + F2 + F3 + F1);
    final Random r = new Random(seed);
    int off = 0;
    while (off < stream.length) {
      final int n = Math.min(stream.length - off, 1 + r.nextInt(9));
      d.feed(stream, off, n);
      off += n;
    }
    assertEquals(List.of(F1, F2, F3, F1), frames, "seed " + seed);
    assertEquals(List.of(), drops, "seed " + seed);
  }

  @Test
  void noiseBetweenFramesIsSkippedAndCountedOncePerRun() {
    final ClassicDeframer d = deframer(256);
    feed(d, "line noise\n\u0000\u00ff\u0013\nmore\n" + F1 + "x\n" + F2);
    assertEquals(List.of(F1, F2), frames);
    assertEquals(List.of(DropReason.MALFORMED, DropReason.MALFORMED), drops);
  }

  @Test
  void blankLinesBetweenFramesAreNotNoise() {
    final ClassicDeframer d = deframer(256);
    feed(d, "\n\n" + F1 + "\n" + F3);
    assertEquals(List.of(F1, F3), frames);
    assertEquals(List.of(), drops);
  }

  @Test
  void noiseBeforeTheStartMarkerOnItsLineDoesNotCostTheFrame() {
    final ClassicDeframer d = deframer(256);
    feed(d, "\u00ff\u00fe~~" + F1);
    assertEquals(List.of(F1), frames);
    assertEquals(List.of(DropReason.MALFORMED), drops);
  }

  @Test
  void aStartLineInsideAFrameDropsThePartialFrameAsTruncated() {
    final ClassicDeframer d = deframer(256);
    feed(d, ">>>\nt=status\nsrc=n1\n" + F1);
    assertEquals(List.of(F1), frames);
    assertEquals(List.of(DropReason.TRUNCATED), drops);
  }

  @Test
  void markersCountOnlyAsWholeLinesInsideAFrame() {
    final ClassicDeframer d = deframer(256);
    final String f = ">>>\nx=<<<\n<<<<\n>>>>\n >>>\ny=>>>\n<<<\n";
    feed(d, f);
    assertEquals(List.of(f), frames);
    assertEquals(List.of(), drops);
  }

  @Test
  void anOversizedFrameIsDroppedAndTheNextFrameStillArrives() {
    final ClassicDeframer d = deframer(F1.length());
    final char[] big = new char[200];
    Arrays.fill(big, 'v');
    feed(d, ">>>\nbig=" + new String(big) + "\nmore=1\n<<<\n" + F1);
    assertEquals(List.of(F1), frames);
    assertEquals(List.of(DropReason.OVERSIZED), drops, "its tail is not counted as noise");
  }

  @Test
  void aFrameExactlyAtTheLimitArrives() {
    final ClassicDeframer d = deframer(F1.length());
    feed(d, F1 + F1);
    assertEquals(List.of(F1, F1), frames);
  }

  @Test
  void anOversizedFrameWithoutEndResyncsOnTheNextStart() {
    final ClassicDeframer d = deframer(32);
    feed(d, ">>>\n" + "a=0123456789012345678901234567890123456789\n" + F3);
    assertEquals(List.of(F3), frames);
    assertEquals(List.of(DropReason.OVERSIZED), drops);
  }

  @Test
  void aBrokenStreamDropsThePartialFrameAsTruncatedAndStartsAfresh() {
    final ClassicDeframer d = deframer(256);
    feed(d, ">>>\nt=status\nsrc=n");
    d.reset();
    feed(d, "1\n<<<\n" + F3);
    assertEquals(List.of(F3), frames);
    assertEquals(List.of(DropReason.TRUNCATED, DropReason.MALFORMED), drops);
  }

  /**
   * The serial streams the real Heartbeat wrote, md5 and crc (the captures of media's wire tests:
   * {@code io/systole/media/wire/captured/}), fed in random pieces: every frame comes out whole and
   * verifies with the capture's key, nothing is dropped.
   */
  @ParameterizedTest
  @ValueSource(strings = {"md5", "crc"})
  void heartbeatsOwnSerialStreamComesOutFrameByFrame(final String method) throws Exception {
    final List<String> captured;
    try (InputStream in =
        getClass()
            .getResourceAsStream("/io/systole/media/wire/captured/" + method + "-serial.hex")) {
      captured =
          new String(in.readAllBytes(), StandardCharsets.US_ASCII)
              .lines()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .map(l -> new String(HexFormat.of().parseHex(l), StandardCharsets.ISO_8859_1))
              .toList();
    }
    final ClassicDeframer d = deframer(1024);
    final byte[] stream = bytes(String.join("", captured));
    final Random r = new Random(stream.length);
    for (int off = 0, n; off < stream.length; off += n) {
      n = Math.min(stream.length - off, 1 + r.nextInt(64));
      d.feed(stream, off, n);
    }
    assertEquals(23, frames.size());
    assertEquals(captured, frames);
    assertEquals(List.of(), drops);
    final ClassicCodec codec =
        new ClassicCodec(
            AuthKeys.of(
                1,
                method.equals("md5")
                    ? Authenticator.md5(1, "systole-capture-md5-secret")
                    : Authenticator.crc(1)));
    for (final String f : frames) {
      assertEquals("n1", codec.decode(bytes(f)).get("src"));
    }
  }
}
