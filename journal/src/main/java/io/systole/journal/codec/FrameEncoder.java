package io.systole.journal.codec;

import io.systole.journal.event.Event;
import java.util.zip.CRC32C;

/**
 * Turns events into frames for one writer: assigns the next index, stamps the node, and chains each
 * frame's digest to the previous one. Encoding and committing are separate steps so that a store
 * that fails to persist a frame leaves the chain where it was. Allocation-free for events with
 * ASCII text. Single-threaded: owned by the journal's writer.
 */
public final class FrameEncoder {
  private final FrameWriter writer = new FrameWriter();
  private final ChainHash hash = new ChainHash();
  private final CRC32C crc = new CRC32C();
  private final byte[] previousDigest;
  private final String node;
  private long nextIndex;
  private int length;

  /**
   * An encoder that continues a chain.
   *
   * @param node the writer's node name, stamped in every frame
   * @param nextIndex the index of the next frame
   * @param previousDigest the digest of the frame before it ({@link ChainHash#genesis()} if none)
   */
  public FrameEncoder(final String node, final long nextIndex, final byte[] previousDigest) {
    if (previousDigest.length != FrameLayout.DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "a chain digest is " + FrameLayout.DIGEST_LENGTH + " bytes");
    }
    this.node = node;
    this.nextIndex = nextIndex;
    this.previousDigest = previousDigest.clone();
  }

  /**
   * Encodes {@code event} as the frame for {@link #nextIndex()} into {@link #buffer()}.
   *
   * @return the frame's length
   * @throws IllegalArgumentException when the event has a null field or does not fit in a frame
   */
  public int encode(final long timeMicros, final Event event) {
    final EventType type = EventType.of(event);
    final FrameWriter w = writer;
    w.position(0);
    w.u8(FrameLayout.FORMAT);
    w.u8(type.version());
    w.u16(type.id());
    w.i64(nextIndex);
    w.i64(timeMicros);
    w.string(node);
    EventCodec.encode(type, event, w);
    final int bodyLength = w.position();
    w.i64(0L);
    w.i64(0L);
    w.i64(0L);
    w.i64(0L);
    w.i32(0);
    final byte[] buffer = w.buffer();
    hash.compute(previousDigest, buffer, 0, bodyLength, buffer, bodyLength);
    final int crcOffset = bodyLength + FrameLayout.DIGEST_LENGTH;
    crc.reset();
    crc.update(buffer, 0, crcOffset);
    w.i32At(crcOffset, (int) crc.getValue());
    length = w.position();
    return length;
  }

  /** Makes the last encoded frame part of the chain; call once the store holds it. */
  public void commit() {
    System.arraycopy(
        writer.buffer(),
        FrameLayout.digestOffset(length),
        previousDigest,
        0,
        FrameLayout.DIGEST_LENGTH);
    nextIndex++;
  }

  /** The buffer holding the last encoded frame from offset 0. */
  public byte[] buffer() {
    return writer.buffer();
  }

  /** The index the next frame gets. */
  public long nextIndex() {
    return nextIndex;
  }

  /** A copy of the digest the next frame chains to: the newest committed frame's. */
  public byte[] previousDigest() {
    return previousDigest.clone();
  }

  /** The writer's node name. */
  public String node() {
    return node;
  }
}
