package io.systole.journal.codec;

import io.systole.journal.Entry;
import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.event.Event;
import java.util.zip.CRC32C;

/**
 * Verifies and decodes frames. Verification comes first and is cheap (length, CRC32C, format,
 * index), so damaged bytes are reported as such and never decoded into garbage; the chain digest is
 * left to the auditor. Not thread-safe: one per reader.
 */
public final class FrameDecoder {

  private final CRC32C crc = new CRC32C();
  private final FrameReader reader = new FrameReader();

  /**
   * Checks that {@code buffer[0, length)} is an intact frame of a format this build reads, stored
   * at {@code position}.
   *
   * @throws JournalCorruptException when the frame is truncated, fails its CRC, or claims another
   *     index than its position
   * @throws JournalFormatException when the frame was written by a newer format
   */
  public void verify(final long position, final byte[] buffer, final int length) {
    if (length < FrameLayout.MIN_LENGTH || length > FrameLayout.MAX_LENGTH) {
      throw new JournalCorruptException(
          position,
          "journal entry "
              + position
              + " is corrupt: it is "
              + length
              + " bytes long, outside the valid "
              + FrameLayout.MIN_LENGTH
              + ".."
              + FrameLayout.MAX_LENGTH);
    }
    final int crcOffset = FrameLayout.crcOffset(length);
    crc.reset();
    crc.update(buffer, 0, crcOffset);
    final int stored = (int) LittleEndian.INT.get(buffer, crcOffset);
    if ((int) crc.getValue() != stored) {
      throw new JournalCorruptException(
          position,
          String.format(
              "journal entry %d is corrupt: its checksum is %08x but its bytes sum to %08x;"
                  + " the entry was damaged or changed after it was written",
              position, stored, (int) crc.getValue()));
    }
    final int format = buffer[FrameLayout.FORMAT_OFFSET] & 0xFF;
    if (format > FrameLayout.FORMAT) {
      throw new JournalFormatException(
          position,
          "journal entry "
              + position
              + " has frame format "
              + format
              + "; this build reads up to "
              + FrameLayout.FORMAT
              + ". Read it with a newer Systole");
    }
    final long index = index(buffer);
    if (index != position) {
      throw new JournalCorruptException(
          position,
          "journal entry "
              + position
              + " is corrupt: it claims index "
              + index
              + "; an entry was moved, copied or removed");
    }
  }

  /**
   * Verifies the frame and decodes it.
   *
   * @throws JournalCorruptException when the frame does not verify or its fields are malformed
   * @throws JournalFormatException when its type id is unknown or its version newer than this
   *     build's
   */
  public Entry decode(final long position, final byte[] buffer, final int length) {
    verify(position, buffer, length);
    final int version = buffer[FrameLayout.VERSION_OFFSET] & 0xFF;
    final int typeId = typeId(buffer);
    final EventType type = EventType.ofId(typeId);
    if (type == null || version > type.version() || version == 0) {
      throw new JournalFormatException(
          position,
          "journal entry "
              + position
              + " has event type id "
              + typeId
              + " version "
              + version
              + ", which this build does not read ("
              + (type == null
                  ? "unknown type"
                  : type.name() + " is read up to version " + type.version())
              + "). Read it with the Systole that wrote it, or a newer one");
    }
    final FrameReader r =
        reader.wrap(buffer, FrameLayout.NODE_OFFSET, FrameLayout.digestOffset(length), position);
    final String node = r.string();
    final Event event;
    try {
      event = EventCodec.decode(type, version, r);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw r.corrupt(e.getMessage());
    }
    r.expectEnd();
    return new Entry(position, time(buffer), node, event);
  }

  /** The index stored in a frame. */
  public static long index(final byte[] buffer) {
    return (long) LittleEndian.LONG.get(buffer, FrameLayout.INDEX_OFFSET);
  }

  /** The timestamp stored in a frame. */
  public static long time(final byte[] buffer) {
    return (long) LittleEndian.LONG.get(buffer, FrameLayout.TIME_OFFSET);
  }

  /** The event type id stored in a frame. */
  public static int typeId(final byte[] buffer) {
    return ((buffer[FrameLayout.TYPE_OFFSET] & 0xFF)
        | (buffer[FrameLayout.TYPE_OFFSET + 1] & 0xFF) << 8);
  }
}
