package io.systole.bench;

import io.systole.journal.EpochMicrosClock;
import io.systole.journal.codec.ChainHash;
import io.systole.journal.codec.FrameEncoder;
import io.systole.journal.codec.FrameLayout;
import io.systole.journal.event.NodeDead;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Where the time of {@link JournalAppend#journal} goes, measured piece by piece in memory, without
 * a store: the whole {@link FrameEncoder} (fields, chain digest, CRC and commit), the BLAKE3 chain
 * digest alone, the CRC32C alone, and the clock read that stamps the entry. The encoder minus
 * digest and CRC is the cost of the fields; the append latency minus encoder and clock is the
 * store's share, to compare with {@link JournalAppend#chronicleRaw}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AppendBreakdown extends RunLength {
  private final NodeDead event = TypicalEvents.nodeDead();
  private final FrameEncoder encoder =
      new FrameEncoder(TypicalEvents.WRITER, 0, ChainHash.genesis());
  private final ChainHash hash = new ChainHash();
  private final CRC32C crc = new CRC32C();
  private final byte[] digest = new byte[FrameLayout.DIGEST_LENGTH];
  private MessageDigest sha256;
  private byte[] frame;
  private int length;

  /** Encodes the event once, for the pieces that work on a finished frame. */
  @Setup
  public void encodeOnce() {
    final FrameEncoder once = new FrameEncoder(TypicalEvents.WRITER, 0, ChainHash.genesis());
    length = once.encode(TypicalEvents.T0_MICROS, event);
    frame = once.buffer().clone();
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  /** The whole codec: what the journal does before it hands the frame to Chronicle. */
  @Benchmark
  public int encode() {
    final int n = encoder.encode(TypicalEvents.T0_MICROS, event);
    encoder.commit();
    return n;
  }

  /** The BLAKE3-256 chain digest over the frame's body. */
  @Benchmark
  public byte[] chainDigest() {
    hash.compute(digest, frame, 0, FrameLayout.digestOffset(length), digest, 0);
    return digest;
  }

  /**
   * Not what the journal does: the JDK's SHA-256 (SHA-NI intrinsics where the CPU has them) over
   * the same bytes as {@link #chainDigest}, to price an alternative chain digest.
   */
  @Benchmark
  public byte[] sha256Jdk() throws DigestException {
    sha256.update(digest, 0, FrameLayout.DIGEST_LENGTH);
    sha256.update(frame, 0, FrameLayout.digestOffset(length));
    sha256.digest(digest, 0, FrameLayout.DIGEST_LENGTH);
    return digest;
  }

  /** The CRC32C over the frame. */
  @Benchmark
  public long crc32c() {
    crc.reset();
    crc.update(frame, 0, FrameLayout.crcOffset(length));
    return crc.getValue();
  }

  /** The clock read that {@code append(event)} stamps the entry with. */
  @Benchmark
  public long clock() {
    return EpochMicrosClock.SYSTEM.nowMicros();
  }
}
