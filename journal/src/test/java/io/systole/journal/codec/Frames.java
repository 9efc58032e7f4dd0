package io.systole.journal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** Test helpers that forge frames the way a tamperer or a future version would. */
public final class Frames {
  private Frames() {}

  /** Recomputes the CRC of {@code frame[0, length)} in place, as a careful forger would. */
  public static void sealCrc(final byte[] frame, final int length) {
    final CRC32C crc = new CRC32C();
    final int at = FrameLayout.crcOffset(length);
    crc.update(frame, 0, at);
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) crc.getValue());
  }

  /** Rewrites the type id and version of a frame and re-seals its CRC. */
  public static void retype(final byte[] frame, final int length, final int typeId, final int v) {
    ByteBuffer.wrap(frame)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort(FrameLayout.TYPE_OFFSET, (short) typeId);
    frame[FrameLayout.VERSION_OFFSET] = (byte) v;
    sealCrc(frame, length);
  }
}
