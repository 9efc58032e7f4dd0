package io.systole.bench;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.NetstringCodec;
import io.systole.media.wire.WireFormatException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The benchmark playing node {@value LoopbackNode#PEER}: a {@link DatagramClient} on {@value
 * #PEER_HOST} that sends the server on {@value #SERVER_HOST} (a Systole node or the echo baseline)
 * one {@code reqnodes} at a time from a {@link ReqnodesStream} (generation and timestamp fixed at
 * start, a fresh {@code seq} each), and waits for the {@code repnodes}. Both ends use one port: a
 * ucast medium sends to its peer on its own {@code udpport}, and the two addresses keep the sockets
 * apart. Also keeps the books of a trial: round trips, and the bytes and CPU time of the client and
 * of the server's threads over the measured iterations.
 */
final class LoopbackPeer implements AutoCloseable {
  /** The server's address: the first IPv4 address of {@code lo}, where a ucast medium binds. */
  static final String SERVER_HOST = "127.0.0.1";

  /** The peer's address; every 127/8 address is local on Linux. */
  static final String PEER_HOST = "127.0.0.2";

  /** How long one round trip may take before the benchmark fails. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final byte[] REPLY_MARKER = "(0)t=repnodes,".getBytes(StandardCharsets.US_ASCII);
  private static final long HANDSHAKE_NANOS = Duration.ofSeconds(15).toNanos();
  private static final int AUTH_INDEX = 1;

  private final DatagramClient client;
  private final int port;
  private final ReqnodesStream requests;
  private Supplier<String> diagnostics = () -> "";
  private int replyBytes;
  private long count;
  private ThreadCost server;
  private ThreadCost self;
  private long countAt;
  private long skippedAt;
  private long clientBytesAt;
  private long[] serverBytesAt;
  private long[] serverCpuAt;
  private long measuredCount;
  private long measuredSkipped;
  private long measuredClientBytes;
  private long[] measuredBytes;
  private long[] measuredCpu;

  /** Binds the client on a free port that is also free on the server's address. */
  LoopbackPeer() throws IOException {
    DatagramClient c = null;
    for (int attempt = 0; c == null; attempt++) {
      c = new DatagramClient(new InetSocketAddress(PEER_HOST, 0), REPLY_MARKER, TIMEOUT);
      if (!freeAtServer(c.local().getPort())) {
        c.close();
        c = null;
        if (attempt == 20) {
          throw new IOException("no port free on both " + PEER_HOST + " and " + SERVER_HOST);
        }
      }
    }
    client = c;
    port = c.local().getPort();
    requests = new ReqnodesStream(reqnodes(System.currentTimeMillis() / 1000L), signer());
  }

  /** A {@code reqnodes} from the peer to the node, fields in Heartbeat's order. */
  private static HeartbeatMessage reqnodes(final long generation) {
    return HeartbeatMessage.builder()
        .add("t", "reqnodes")
        .add("dest", LoopbackNode.NODE)
        .add("src", LoopbackNode.PEER)
        .add("seq", "1")
        .add("hg", Long.toHexString(generation))
        .add("ts", Long.toHexString(generation))
        .add("ttl", "3")
        .build();
  }

  private static boolean freeAtServer(final int port) {
    try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
      probe.bind(new InetSocketAddress(SERVER_HOST, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Authenticator signer() {
    return Authenticator.sha1(AUTH_INDEX, LoopbackNode.KEY);
  }

  /** The port of both ends. */
  int port() {
    return port;
  }

  /**
   * The {@code repnodes} a node {@value LoopbackNode#NODE} of generation {@code nodeGeneration}
   * sends the peer as its {@code seq}-th message, field for field as Systole's {@code
   * HeartbeatReplies} writes it, signed with the same key: the baseline's answer.
   */
  static byte[] repnodes(final long seq, final long nodeGeneration) {
    final HeartbeatMessage m =
        HeartbeatMessage.builder()
            .add("dest", LoopbackNode.PEER)
            .add("t", "repnodes")
            .add("nodelist", LoopbackNode.NODE + " " + LoopbackNode.PEER + " ")
            .add("delnodelist", " ")
            .add("src", LoopbackNode.NODE)
            .add("seq", Long.toHexString(seq))
            .add("hg", Long.toHexString(nodeGeneration))
            .add("ts", Long.toHexString(nodeGeneration))
            .add("ttl", "3")
            .build();
    return new NetstringCodec(AuthKeys.of(AUTH_INDEX, signer())).encode(m);
  }

  /**
   * Connects to the server and sends requests until the first reply, for at most 15 s (the server's
   * socket may not be bound yet), then checks that it is a {@code repnodes} to the peer listing
   * both nodes, signed with the shared key. {@code why} describes the server's side when a round
   * trip fails.
   */
  void handshake(final Supplier<String> why) throws IOException {
    this.diagnostics = why;
    client.connect(new InetSocketAddress(SERVER_HOST, port));
    final long deadline = System.nanoTime() + HANDSHAKE_NANOS;
    while (true) {
      try {
        roundTrip();
        break;
      } catch (PortUnreachableException e) {
        if (System.nanoTime() - deadline > 0) {
          throw new IOException(
              "nothing listens at " + SERVER_HOST + ":" + port + "; " + why.get());
        }
        LockSupport.parkNanos(20_000_000L);
      }
    }
    final HeartbeatMessage reply;
    try {
      reply = new NetstringCodec(AuthKeys.of(AUTH_INDEX, signer())).decode(client.lastReply());
    } catch (WireFormatException e) {
      throw new IllegalStateException("the reply does not verify: " + e.getMessage(), e);
    }
    if (!"repnodes".equals(reply.get("t"))
        || !LoopbackNode.PEER.equals(reply.get("dest"))
        || !LoopbackNode.NODE.equals(reply.get("src"))
        || !(LoopbackNode.NODE + " " + LoopbackNode.PEER + " ").equals(reply.get("nodelist"))) {
      throw new IllegalStateException("not the expected repnodes: " + reply);
    }
  }

  /**
   * One round trip: the next {@code reqnodes}, then its reply; returns the reply's length.
   *
   * @throws IllegalStateException when no reply came within {@link #TIMEOUT}
   */
  int roundTrip() throws IOException {
    final byte[] request = requests.next();
    try {
      replyBytes = client.exchange(request, request.length);
      count++;
      return replyBytes;
    } catch (SocketTimeoutException e) {
      throw new IllegalStateException(
          e.getMessage()
              + " to reqnodes seq "
              + Long.toHexString(requests.seq())
              + "; "
              + diagnostics.get(),
          e);
    }
  }

  /** Starts an iteration's books; {@code serverThreads}: the server's side. */
  void begin(final ThreadCost serverThreads) {
    if (server == null) {
      server = serverThreads;
      measuredBytes = new long[server.names().size()];
      measuredCpu = new long[server.names().size()];
    }
    self = ThreadCost.current();
    countAt = count;
    skippedAt = client.skipped();
    clientBytesAt = self.allocatedBytes()[0];
    serverBytesAt = server.allocatedBytes();
    serverCpuAt = server.cpuNanos();
  }

  /** Ends an iteration's books, adding them to the trial's when {@code measurement}. */
  void end(final boolean measurement) {
    if (!measurement) {
      return;
    }
    measuredCount += count - countAt;
    measuredSkipped += client.skipped() - skippedAt;
    measuredClientBytes += self.allocatedBytes()[0] - clientBytesAt;
    add(measuredBytes, server.allocatedBytes(), serverBytesAt);
    add(measuredCpu, server.cpuNanos(), serverCpuAt);
  }

  private static void add(final long[] sum, final long[] now, final long[] before) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += now[i] - before[i];
    }
  }

  /** The trial's books over the measured iterations, in one line. */
  String summary() {
    final double n = Math.max(1, measuredCount);
    return String.format(
        Locale.ROOT,
        "%,d round trips measured (last reply %d bytes), %d other datagrams skipped; per round trip:"
            + " client thread %.2f B; server threads %s B, CPU %s us",
        measuredCount,
        replyBytes,
        measuredSkipped,
        measuredClientBytes / n,
        perThread(measuredBytes, n),
        perThread(measuredCpu, n * 1e3));
  }

  /** {@code total (thread value, ...)} of {@code values / per}, leaving out threads under 0.1. */
  private String perThread(final long[] values, final double per) {
    if (server == null) {
      return "-";
    }
    final StringBuilder each = new StringBuilder();
    long total = 0;
    for (int i = 0; i < values.length; i++) {
      total += values[i];
      if (values[i] / per >= 0.1) {
        each.append(each.length() == 0 ? "" : ", ");
        each.append(String.format(Locale.ROOT, "%s %.1f", server.names().get(i), values[i] / per));
      }
    }
    return String.format(Locale.ROOT, "%.1f (%s)", total / per, each);
  }

  @Override
  public void close() {
    client.close();
  }
}
