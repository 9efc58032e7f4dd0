package io.systole.journal.codec;

import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * The chain digest: BLAKE3-256 (Bouncy Castle) over the previous entry's digest followed by this
 * entry's bytes. BLAKE3 because it is a modern 256-bit cryptographic hash and, of Bouncy Castle's
 * digests, the fastest on short inputs here (about 355 ns for a 140-byte entry, against 560 ns for
 * BLAKE2b and 660 ns for SHA-256), which matters because the writer hashes on every append and
 * audit must walk a million entries a second. Not thread-safe: one instance per writer or auditor.
 */
public final class ChainHash {
  /** The name stored in a journal's metadata, so that a future build can change algorithms. */
  public static final String ALGORITHM = "BLAKE3-256";

  /** The "previous digest" of the first entry ever written. */
  private static final byte[] GENESIS = new byte[FrameLayout.DIGEST_LENGTH];

  private final Blake3Digest digest = new Blake3Digest(FrameLayout.DIGEST_LENGTH * 8);

  /** A copy of the digest that precedes the first entry. */
  public static byte[] genesis() {
    return GENESIS.clone();
  }

  /**
   * Computes the digest of {@code body[offset, offset+length)} chained to {@code previous} into
   * {@code out} at {@code outOffset}.
   */
  public void compute(
      final byte[] previous,
      final byte[] body,
      final int offset,
      final int length,
      final byte[] out,
      final int outOffset) {
    digest.update(previous, 0, FrameLayout.DIGEST_LENGTH);
    digest.update(body, offset, length);
    digest.doFinal(out, outOffset);
  }
}
