package io.systole.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.systole.journal.Entry;
import io.systole.journal.JournalFormatException;

/**
 * Fuzzes the frame decoder, the parser of everything read back from disk. The fuzzer's bytes become
 * a frame with a known header and a valid CRC, so that mutations reach the field parsers instead of
 * stopping at the checksum. The decoder must either return an entry, which then re-encodes to the
 * same bytes, or raise {@link JournalFormatException}; anything else is a bug. {@code mvn test}
 * replays the seed inputs; {@code JAZZER_FUZZ=1 mvn test -pl journal -Dtest=FrameDecoderFuzzTest}
 * fuzzes for real.
 */
class FrameDecoderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void decodeNeverFailsOtherwise(final FuzzedDataProvider data) {
    final EventType[] types = EventType.values();
    final int typeId = types[data.consumeInt(0, types.length - 1)].id();
    final long index = data.consumeLong(0, Long.MAX_VALUE);
    final long time = data.consumeLong();
    final byte[] body = data.consumeRemainingAsBytes();
    final int length = Math.min(FrameLayout.MAX_LENGTH, FrameLayout.NODE_OFFSET + body.length + 36);
    final byte[] frame = new byte[length];
    frame[FrameLayout.FORMAT_OFFSET] = FrameLayout.FORMAT;
    frame[FrameLayout.VERSION_OFFSET] = 1;
    frame[FrameLayout.TYPE_OFFSET] = (byte) typeId;
    frame[FrameLayout.TYPE_OFFSET + 1] = (byte) (typeId >> 8);
    java.nio.ByteBuffer.wrap(frame)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(FrameLayout.INDEX_OFFSET, index)
        .putLong(FrameLayout.TIME_OFFSET, time);
    System.arraycopy(
        body, 0, frame, FrameLayout.NODE_OFFSET, length - FrameLayout.NODE_OFFSET - 36);
    if (length < FrameLayout.MIN_LENGTH) {
      return;
    }
    Frames.sealCrc(frame, length);
    final Entry entry;
    try {
      entry = new FrameDecoder().decode(index, frame, length);
    } catch (JournalFormatException expected) {
      return;
    }
    // What decodes must be exactly what an encoder would have written (digest aside).
    final FrameEncoder encoder = new FrameEncoder(entry.node(), index, ChainHash.genesis());
    final int again = encoder.encode(entry.timeMicros(), entry.event());
    assertEquals(length, again, "re-encoded length of " + entry);
    assertEquals(
        java.util.Arrays.toString(java.util.Arrays.copyOf(frame, FrameLayout.digestOffset(length))),
        java.util.Arrays.toString(
            java.util.Arrays.copyOf(encoder.buffer(), FrameLayout.digestOffset(again))),
        "re-encoded bytes of " + entry);
  }
}
