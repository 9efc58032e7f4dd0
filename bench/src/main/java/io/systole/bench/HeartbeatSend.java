package io.systole.bench;

import io.systole.engine.agent.Announcement;
import io.systole.engine.agent.StatusMessages;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.ClassicCodec;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.NetstringCodec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The send side of one status heartbeat, as the daemon's send stage ({@code NodeRuntime.SendStage})
 * does it for every keepalive, up to the socket: {@link #build} is {@link StatusMessages#status}
 * alone (a {@link HeartbeatMessage} built field by field from Strings), {@link #encode} the signing
 * encoder alone ({@link NetstringCodec} for UDP, {@link ClassicCodec} for serial) over a prebuilt
 * message, {@link #send} both and the {@link ByteBuffer#wrap} the stage hands to the link. The
 * baseline, {@link #digests}, is the cryptography an encoder cannot avoid: the digests the encoder
 * computes for the same message (inner {@code auth} and trailer in netstring framing, the {@code
 * auth} line in classic), over prepared bytes. Node {@code n1} holds one group ({@code sy_hold},
 * {@code sy_term}), is ready, with no failed, standby or takeover marks; the sequence number and
 * the time move on with every message. Run it with {@code -prof gc}: the figure that matters is the
 * bytes allocated per heartbeat sent.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HeartbeatSend extends RunLength {
  private static final long GENERATION = 0x6b05dddbL;
  private static final long DEADTIME_MS = 30_000;
  private static final int TTL = 5;

  /** The authkeys method: {@code crc}, {@code md5} or {@code sha1}. */
  @Param({"crc", "md5", "sha1"})
  public String auth;

  /** {@code netstring} (UDP) or {@code classic} (serial). */
  @Param({"netstring", "classic"})
  public String framing;

  private final byte[] hex = new byte[64];
  private Announcement announcement;
  private Authenticator signer;
  private NetstringCodec netstring;
  private ClassicCodec classic;
  private HeartbeatMessage prebuilt;
  private byte[] signedText;
  private byte[] innerText;
  private long seq;
  private long nowSeconds;

  /** The codecs, the announcement, and one message encoded to size the baseline. */
  @Setup(Level.Trial)
  public void setUp() {
    final AuthMethod method = AuthMethod.fromWireName(auth);
    signer = Authenticator.of(1, method, method.keyed() ? HeartbeatReceive.KEY : null);
    final AuthKeys keys = AuthKeys.of(1, signer);
    netstring = "classic".equals(framing) ? null : new NetstringCodec(keys);
    classic = netstring == null ? new ClassicCodec(keys) : null;
    announcement =
        new Announcement(
            "n1",
            List.of("web"),
            List.of(3L),
            true,
            List.of(),
            List.of(),
            List.of(),
            List.of("n2"),
            List.of(),
            false);
    seq = 0x28;
    nowSeconds = 0x6b05ddf5L;
    prebuilt = nextMessage();
    innerText = HeartbeatReceive.classicText(prebuilt);
    signedText = classic != null ? innerText : HeartbeatReceive.signedPart(encoded(prebuilt));
  }

  private HeartbeatMessage nextMessage() {
    seq++;
    nowSeconds++;
    return StatusMessages.status("n1", seq, GENERATION, DEADTIME_MS, TTL, nowSeconds, announcement);
  }

  private byte[] encoded(final HeartbeatMessage m) {
    return classic != null ? classic.encode(m) : netstring.encode(m);
  }

  /** The message alone: {@link StatusMessages#status}. */
  @Benchmark
  public HeartbeatMessage build() {
    return nextMessage();
  }

  /** The signing encoder alone, over a prebuilt message. */
  @Benchmark
  public byte[] encode() {
    return encoded(prebuilt);
  }

  /** The send stage's work per status heartbeat: build, encode and sign, wrap. */
  @Benchmark
  public ByteBuffer send() {
    return ByteBuffer.wrap(encoded(nextMessage()));
  }

  /** Baseline: the digests {@link #encode} computes, over prepared bytes. */
  @Benchmark
  public int digests() {
    int n = signer.digestHex(signedText, 0, signedText.length, hex, 0);
    if (classic == null) {
      n += signer.digestHex(innerText, 0, innerText.length, hex, 0);
    }
    return n;
  }
}
