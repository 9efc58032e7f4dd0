package io.systole.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of a UDP round trip, the same for Systole and for the baseline: a blocking JDK
 * {@link DatagramChannel} connected to the server, written and read by the benchmark thread itself,
 * so the client adds no thread handoff of its own (the thread sleeps in {@code recv} until the
 * reply arrives) and allocates nothing per exchange. A reply is the first datagram that holds the
 * marker near its start; any other datagram from the server (a Systole node's own status and {@code
 * NS_ackmsg} messages) is counted and skipped. A blocking read cannot time out, so a watchdog
 * thread closes the channel when a reply is overdue, and the exchange then fails with a {@link
 * SocketTimeoutException} instead of hanging the benchmark.
 */
final class DatagramClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatagramClient.class);
  private static final int MAX_DATAGRAM = 65_507;
  private static final int MARKER_WITHIN = 96;
  private static final long WATCH_EVERY_MS = 250;

  private final DatagramChannel channel;
  private final ByteBuffer tx = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final ByteBuffer rx = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final byte[] marker;
  private final Duration timeout;
  private final ScheduledExecutorService watchdog;
  private volatile long waitingSince;
  private volatile boolean timedOut;
  private long skipped;

  /**
   * A client bound at {@code local}, not yet connected, taking a datagram that holds {@code marker}
   * in its first bytes for the reply, and failing an exchange that waits longer than {@code
   * timeout}.
   */
  DatagramClient(final InetSocketAddress local, final byte[] marker, final Duration timeout)
      throws IOException {
    this.marker = marker.clone();
    this.timeout = timeout;
    this.channel = DatagramChannel.open(StandardProtocolFamily.INET).bind(local);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "bench-watchdog");
              t.setDaemon(true);
              return t;
            });
    watchdog.scheduleWithFixedDelay(
        this::watch, WATCH_EVERY_MS, WATCH_EVERY_MS, TimeUnit.MILLISECONDS);
  }

  /** The bound address. */
  InetSocketAddress local() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** From now on, sends to {@code server} and receives from it only. */
  void connect(final InetSocketAddress server) throws IOException {
    channel.connect(server);
  }

  /**
   * Sends {@code request[0, length)} and waits for the reply; returns its length.
   *
   * @throws SocketTimeoutException when no reply came within the timeout (the client is then
   *     closed)
   * @throws java.net.PortUnreachableException when nothing listens at the server's address yet
   */
  int exchange(final byte[] request, final int length) throws IOException {
    tx.clear();
    tx.put(request, 0, length).flip();
    waitingSince = System.nanoTime() | 1;
    try {
      channel.write(tx);
      while (true) {
        rx.clear();
        channel.read(rx);
        if (holdsMarker(rx.position())) {
          return rx.position();
        }
        skipped++;
      }
    } catch (ClosedChannelException e) {
      if (timedOut) {
        throw new SocketTimeoutException(
            "no reply from " + channel.socket().getRemoteSocketAddress() + " within " + timeout);
      }
      throw e;
    } finally {
      waitingSince = 0;
    }
  }

  /** A copy of the last reply. */
  byte[] lastReply() {
    final byte[] copy = new byte[rx.position()];
    rx.get(0, copy);
    return copy;
  }

  /** The datagrams skipped because they were not a reply. */
  long skipped() {
    return skipped;
  }

  private boolean holdsMarker(final int length) {
    final int last = Math.min(length, MARKER_WITHIN) - marker.length;
    outer:
    for (int i = 0; i <= last; i++) {
      for (int k = 0; k < marker.length; k++) {
        if (rx.get(i + k) != marker[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private void watch() {
    final long since = waitingSince;
    if (since != 0 && System.nanoTime() - since > timeout.toNanos()) {
      timedOut = true;
      try {
        channel.close(); // wakes the blocked read with AsynchronousCloseException
      } catch (IOException e) {
        LOG.warn("closing the overdue client failed", e);
      }
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing the client failed", e);
    }
  }
}
