package io.systole.journal.codec;

/**
 * The byte layout of one stored entry (a frame), little-endian. The header says what the frame
 * holds, the payload is the event's fields, and the trailer makes it verifiable:
 *
 * <pre>
 *   0  u8   frame format ({@link #FORMAT})
 *   1  u8   event version
 *   2  u16  event type id
 *   4  i64  index
 *  12  i64  time, epoch microseconds
 *  20  str  writer node (u16 length, UTF-8)
 *   .. payload: the event's fields, in declaration order
 *   .. 32   chain digest: BLAKE3-256(previous frame's digest || every byte before this field)
 *   .. u32  CRC32C of every byte before this field
 * </pre>
 *
 * The CRC is cheap enough to check on every read and catches damage; the chain digest is checked by
 * the auditor and catches deliberate change, because a forger must rewrite every later digest.
 */
public final class FrameLayout {
  /** The frame format this build writes and the newest it reads. */
  public static final int FORMAT = 1;

  /** Offset of the frame format byte. */
  public static final int FORMAT_OFFSET = 0;

  /** Offset of the event version byte. */
  public static final int VERSION_OFFSET = 1;

  /** Offset of the event type id. */
  public static final int TYPE_OFFSET = 2;

  /** Offset of the entry index. */
  public static final int INDEX_OFFSET = 4;

  /** Offset of the timestamp. */
  public static final int TIME_OFFSET = 12;

  /** Offset of the writer node's name. */
  public static final int NODE_OFFSET = 20;

  /** Length of the chain digest. */
  public static final int DIGEST_LENGTH = 32;

  /** Length of the CRC. */
  public static final int CRC_LENGTH = 4;

  /** Length of the trailer: digest and CRC. */
  public static final int TRAILER_LENGTH = DIGEST_LENGTH + CRC_LENGTH;

  /** The smallest possible frame: a header with an empty node name and no payload. */
  public static final int MIN_LENGTH = NODE_OFFSET + 2 + TRAILER_LENGTH;

  /** The largest frame written or accepted; longer events are refused at append. */
  public static final int MAX_LENGTH = 64 * 1024;

  private FrameLayout() {}

  /** Offset of the digest in a frame of {@code length} bytes. */
  public static int digestOffset(final int length) {
    return length - TRAILER_LENGTH;
  }

  /** Offset of the CRC in a frame of {@code length} bytes. */
  public static int crcOffset(final int length) {
    return length - CRC_LENGTH;
  }
}
