package io.systole.journal.sign;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a checkpoint signature covers: a fixed label, the node's name, the entry's index and
 * its chain digest. The name is in it so that a checkpoint cannot be moved into another node's
 * journal, and the label so that the signature means nothing anywhere else.
 */
final class CheckpointMessage {
  private static final byte[] LABEL =
      "systole journal checkpoint v1\0".getBytes(StandardCharsets.US_ASCII);

  private CheckpointMessage() {}

  static byte[] of(final String node, final long index, final byte[] digest) {
    final byte[] name = node.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(LABEL.length + name.length + 1 + Long.BYTES + digest.length)
        .put(LABEL)
        .put(name)
        .put((byte) 0)
        .putLong(index)
        .put(digest)
        .array();
  }
}
