package io.systole.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.systole.journal.Entry;
import io.systole.journal.EventGenerator;
import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.event.Event;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests of the frame codec over seeded random events: every type round-trips exactly, and
 * no damage to a frame ever decodes into an event.
 */
class FrameCodecPropertyTest {
  static LongStream seeds() {
    return LongStream.range(0, 16).map(i -> 0x5EED_0000L + i * 7919);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyEventRoundTripsExactly(final long seed) {
    final EventGenerator gen = new EventGenerator(seed);
    final FrameEncoder encoder = new FrameEncoder("ha1", 0, ChainHash.genesis());
    final FrameDecoder decoder = new FrameDecoder();
    final Set<EventType> seen = EnumSet.noneOf(EventType.class);
    for (int i = 0; i < 2_000; i++) {
      final Event event =
          i < EventType.values().length ? gen.of(EventType.values()[i]) : gen.next();
      final long time = gen.time();
      final int length = encoder.encode(time, event);
      encoder.commit();
      final Entry back = decoder.decode(i, encoder.buffer(), length);
      assertEquals(new Entry(i, time, "ha1", event), back, "seed " + seed + ", entry " + i);
      seen.add(EventType.of(event));
    }
    assertEquals(EnumSet.allOf(EventType.class), seen, "seed " + seed + " missed a type");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyChangedByteIsReportedNeverDecoded(final long seed) {
    final EventGenerator gen = new EventGenerator(seed);
    final SplittableRandom random = new SplittableRandom(seed);
    final FrameEncoder encoder = new FrameEncoder("ha2", 7, ChainHash.genesis());
    final FrameDecoder decoder = new FrameDecoder();
    for (int i = 0; i < 200; i++) {
      final int length = encoder.encode(gen.time(), gen.next());
      final byte[] frame = Arrays.copyOf(encoder.buffer(), length);
      final int at = random.nextInt(length);
      frame[at] ^= (byte) random.nextInt(1, 256);
      final JournalFormatException e =
          assertThrows(
              JournalFormatException.class,
              () -> decoder.decode(7, frame, length),
              "seed " + seed + ": a frame changed at byte " + at + " decoded");
      assertEquals(7, e.index());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void truncatedFramesAreCorruptNotGarbage(final long seed) {
    final EventGenerator gen = new EventGenerator(seed);
    final FrameEncoder encoder = new FrameEncoder("ha1", 0, ChainHash.genesis());
    final FrameDecoder decoder = new FrameDecoder();
    final int length = encoder.encode(gen.time(), gen.next());
    for (int cut = 0; cut < length; cut++) {
      final int len = cut;
      assertThrows(
          JournalCorruptException.class,
          () -> decoder.decode(0, encoder.buffer().clone(), len),
          "seed " + seed + ": a frame cut to " + cut + " bytes decoded");
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomBytesWithAValidChecksumNeverCrashTheDecoder(final long seed) {
    final SplittableRandom random = new SplittableRandom(seed);
    final FrameDecoder decoder = new FrameDecoder();
    for (int i = 0; i < 2_000; i++) {
      final byte[] frame = new byte[random.nextInt(FrameLayout.MIN_LENGTH, 400)];
      random.nextBytes(frame);
      frame[FrameLayout.FORMAT_OFFSET] = FrameLayout.FORMAT;
      frame[FrameLayout.TYPE_OFFSET] =
          (byte) EventType.values()[i % EventType.values().length].id();
      frame[FrameLayout.TYPE_OFFSET + 1] = 0;
      frame[FrameLayout.VERSION_OFFSET] = 1;
      Arrays.fill(frame, FrameLayout.INDEX_OFFSET, FrameLayout.INDEX_OFFSET + 8, (byte) 0);
      Frames.sealCrc(frame, frame.length);
      try {
        decoder.decode(0, frame, frame.length);
      } catch (JournalFormatException expected) {
        assertTrue(expected.getMessage().contains("entry 0"), expected.getMessage());
      } catch (RuntimeException e) {
        fail("seed " + seed + ": random frame " + i + " raised " + e, e);
      }
    }
  }
}
