package io.systole.bench;

import io.systole.engine.detect.Detectors;
import io.systole.engine.detect.FailureDetector;
import io.systole.journal.event.Event;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.ClassicCodec;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.HeartbeatView;
import io.systole.media.wire.NetstringCodec;
import io.systole.media.wire.NodeNames;
import io.systole.media.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The receive path of one heartbeat, per message: decode, verify the signature(s) and feed the
 * failure detector. {@link #view} is Systole's path: {@link HeartbeatView} over the received bytes
 * (no copy, no String), the sender resolved to its configured name, {@code seq}, {@code hg} and
 * {@code ts} parsed, then {@link FailureDetector#onHeartbeat}; it must allocate nothing. {@link
 * #codec} is the baseline: the allocating {@link NetstringCodec} / {@link ClassicCodec} decode, the
 * same fields read as Strings and parsed, the same detector call. {@link #wrap} is {@link #view}
 * without the detector (decode and verify; with {@code crc}, the nearest to a decode alone), and
 * {@link #digests} prices the cryptography alone: the digests {@link #view} computes, over the same
 * bytes, with nothing else.
 *
 * <p>For each {@code auth} method ({@code crc}, {@code md5}, {@code sha1}) and {@code framing}
 * ({@code netstring}, UDP, two digests per message: trailer and inner {@code auth}; or {@code
 * classic}, serial, one digest). The messages are 64 status messages from peer {@code n2} shaped
 * like the captured one (PROTOCOL.md section 5; 308 bytes with sha1 in netstring framing), with
 * rising {@code seq}, signed at set-up; they are taken in turn, and the virtual clock moves on by
 * one keepalive per message, so the detector sees a live peer in the steady state (the set-up runs
 * it past initdead first and fails if a measured call would report a transition).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HeartbeatReceive extends RunLength {
  /** The key of the reference captures (PROTOCOL.md section 4), for md5 and sha1. */
  static final String KEY = "hbA-harness-shared-key";

  private static final int MESSAGES = 64;
  private static final byte[] STATUS = HeartbeatView.ascii("status");

  /** The authkeys method: {@code crc}, {@code md5} or {@code sha1}. */
  @Param({"crc", "md5", "sha1"})
  public String auth;

  /** {@code netstring} (UDP) or {@code classic} (serial). */
  @Param({"netstring", "classic"})
  public String framing;

  private final byte[][] messages = new byte[MESSAGES][];
  private final byte[][] signedText = new byte[MESSAGES][];
  private final byte[][] innerText = new byte[MESSAGES][];
  private final byte[] hex = new byte[64];
  private boolean classic;
  private Authenticator signer;
  private NodeNames nodes;
  private HeartbeatView view;
  private NetstringCodec netstringCodec;
  private ClassicCodec classicCodec;
  private FailureDetector detector;
  private String link;
  private int next;
  private long nowMicros;

  /** Signs the messages, builds the detector and brings peer {@code n2} up past initdead. */
  @Setup(Level.Trial)
  public void setUp() throws WireFormatException {
    final AuthMethod method = AuthMethod.fromWireName(auth);
    signer = Authenticator.of(1, method, method.keyed() ? KEY : null);
    final AuthKeys keys = AuthKeys.of(1, signer);
    classic = "classic".equals(framing);
    link = classic ? "/dev/ttyS0" : "eth1";
    nodes = NodeNames.of(List.of("n1", "n2"));
    view = new HeartbeatView(keys, nodes);
    netstringCodec = new NetstringCodec(keys);
    classicCodec = new ClassicCodec(keys);
    for (int i = 0; i < MESSAGES; i++) {
      final HeartbeatMessage m = status(i);
      messages[i] = classic ? classicCodec.encode(m) : netstringCodec.encode(m);
      innerText[i] = classicText(m);
      signedText[i] = classic ? innerText[i] : signedPart(messages[i]);
    }
    detector =
        Detectors.heartbeat(DetectorHeartbeat.TIMINGS, List.of("n2"), List.of(new String(link)));
    nowMicros = TypicalEvents.T0_MICROS;
    final long rounds =
        DetectorHeartbeat.TIMINGS.initdeadMicros() / DetectorHeartbeat.TIMINGS.keepaliveMicros();
    for (int i = 0; i < rounds + 2 * MESSAGES; i++) {
      final List<Event> events = i % 2 == 0 ? receiveView() : receiveCodec();
      if (i > 0 && !events.isEmpty()) {
        throw new IllegalStateException("steady-state heartbeat gave " + events);
      }
      if (!detector.onTick(nowMicros).isEmpty()) {
        throw new IllegalStateException("steady-state tick reported a transition");
      }
    }
    if (receiveView() != List.<Event>of()) {
      throw new IllegalStateException("the hot path did not return the shared empty list");
    }
  }

  private static HeartbeatMessage status(final int i) {
    final byte[] uuid = new byte[16];
    for (int k = 0; k < uuid.length; k++) {
      uuid[k] = (byte) (0x18 + 37 * k);
    }
    return HeartbeatMessage.builder()
        .add("t", "status")
        .add("st", "active")
        .add("dt", "1388")
        .add("protocol", "1")
        .add("src", "n2")
        .addBinary("srcuuid", uuid)
        .add("seq", Integer.toHexString(0x28 + i))
        .add("hg", "6b05dddb")
        .add("ts", Integer.toHexString(0x6b05ddf5 + 2 * i))
        .add("ld", "1.93 1.10 0.49 4/139 " + (20200 + i))
        .add("ttl", "3")
        .build();
  }

  /** The classic text of {@code m}'s fields, which the inner {@code auth} signs. */
  static byte[] classicText(final HeartbeatMessage m) {
    final StringBuilder sb = new StringBuilder();
    for (final HeartbeatMessage.Field f : m.fields()) {
      sb.append(f.binary() ? "(1)" : "").append(f.name()).append('=').append(f.text()).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes the netstring trailer signs: everything through {@code %%%\n}. */
  static byte[] signedPart(final byte[] datagram) {
    final String s = new String(datagram, StandardCharsets.ISO_8859_1);
    return s.substring(0, s.indexOf("%%%\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] nextMessage() {
    final byte[] m = messages[next];
    next = next + 1 == MESSAGES ? 0 : next + 1;
    nowMicros += DetectorHeartbeat.TIMINGS.keepaliveMicros();
    return m;
  }

  private List<Event> receiveView() {
    final byte[] m = nextMessage();
    final boolean ok =
        classic ? view.wrapClassic(m, 0, m.length) : view.wrapNetstring(m, 0, m.length);
    if (!ok || !view.typeIs(STATUS) || view.sourceNode() < 0) {
      throw new IllegalStateException("rejected: " + view.reason());
    }
    return detector.onHeartbeat(nodes.name(view.sourceNode()), link, nowMicros);
  }

  private List<Event> receiveCodec() throws WireFormatException {
    final byte[] m = nextMessage();
    final HeartbeatMessage msg = classic ? classicCodec.decode(m) : netstringCodec.decode(m);
    if (!"status".equals(msg.get("t"))) {
      throw new IllegalStateException("not a status message");
    }
    return detector.onHeartbeat(msg.get("src"), link, nowMicros);
  }

  /** Systole's receive path: flyweight decode and verify, then the detector. */
  @Benchmark
  public List<Event> view(final Blackhole bh) {
    final List<Event> events = receiveView();
    bh.consume(view.seq());
    bh.consume(view.generation());
    bh.consume(view.timestamp());
    return events;
  }

  /**
   * Baseline of the detector's share: {@link #view} without the detector, the decode and verify
   * alone (framing, fields, sender, numbers, digests). With {@code auth=crc}, whose check is a
   * CRC32, it is the nearest to a decode alone: the view has no mode that skips verification.
   */
  @Benchmark
  public int wrap(final Blackhole bh) {
    final byte[] m = nextMessage();
    final boolean ok =
        classic ? view.wrapClassic(m, 0, m.length) : view.wrapNetstring(m, 0, m.length);
    if (!ok || !view.typeIs(STATUS)) {
      throw new IllegalStateException("rejected: " + view.reason());
    }
    bh.consume(view.seq());
    bh.consume(view.generation());
    bh.consume(view.timestamp());
    return view.sourceNode();
  }

  /** Baseline: the allocating codec, the fields as Strings, then the detector. */
  @Benchmark
  public List<Event> codec(final Blackhole bh) throws WireFormatException {
    final byte[] m = nextMessage();
    final HeartbeatMessage msg = classic ? classicCodec.decode(m) : netstringCodec.decode(m);
    if (!"status".equals(msg.get("t"))) {
      throw new IllegalStateException("not a status message");
    }
    bh.consume(Long.parseLong(msg.get("seq"), 16));
    bh.consume(Long.parseLong(msg.get("hg"), 16));
    bh.consume(Long.parseLong(msg.get("ts"), 16));
    return detector.onHeartbeat(msg.get("src"), link, nowMicros);
  }

  /**
   * The cryptography alone: the digests {@link #view} computes for the same message (trailer and
   * inner {@code auth} in netstring framing, the {@code auth} line in classic), over prepared
   * bytes.
   */
  @Benchmark
  public int digests() {
    final int i = next;
    nextMessage();
    int n = signer.digestHex(signedText[i], 0, signedText[i].length, hex, 0);
    if (!classic) {
      n += signer.digestHex(innerText[i], 0, innerText[i].length, hex, 0);
    }
    return n;
  }
}
