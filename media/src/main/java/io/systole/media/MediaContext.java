package io.systole.media;

import io.systole.media.auth.AuthKeys;
import io.systole.media.wire.NetstringCodec;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How the media run: retry interval, UDP transport and threads, frame limits, serial timeouts and
 * serial forwarding. Set what differs from the defaults, then pass it to {@link Media#start}, which
 * calls {@link #conclude()} to check it once. Not thread-safe; do not change it after start.
 */
public final class MediaContext {
  /** Default {@link #retryInterval()}: how long a failed medium waits before trying again. */
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);

  /** Default {@link #dropLogInterval()}: at most one drop log line per link this often. */
  public static final Duration DEFAULT_DROP_LOG_INTERVAL = Duration.ofSeconds(1);

  /** Default {@link #serialReadTimeout()}: how long one serial read waits for a byte. */
  public static final Duration DEFAULT_SERIAL_READ_TIMEOUT = Duration.ofMillis(100);

  /** Default {@link #serialWriteTimeout()}: how long one serial write may block. */
  public static final Duration DEFAULT_SERIAL_WRITE_TIMEOUT = Duration.ofSeconds(2);

  /** Default {@link #serialQueueFrames()}: frames waiting for a serial line, per link. */
  public static final int DEFAULT_SERIAL_QUEUE_FRAMES = 32;

  /** Largest UDP payload over IPv4. */
  public static final int MAX_UDP_PAYLOAD = 65507;

  /** Which UDP transport Netty uses. */
  public enum UdpTransport {
    /** Native epoll when {@code Epoll.isAvailable()}, else NIO. */
    AUTO,
    /** Native epoll; start fails if it is unavailable. */
    EPOLL,
    /** Java NIO. */
    NIO
  }

  private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
  private Duration dropLogInterval = DEFAULT_DROP_LOG_INTERVAL;
  private Duration serialReadTimeout = DEFAULT_SERIAL_READ_TIMEOUT;
  private Duration serialWriteTimeout = DEFAULT_SERIAL_WRITE_TIMEOUT;
  private int serialQueueFrames = DEFAULT_SERIAL_QUEUE_FRAMES;
  private int maxFrameBytes = NetstringCodec.MAX_MESSAGE;
  private UdpTransport udpTransport = UdpTransport.AUTO;
  private int udpThreads = 1;
  private String threadNamePrefix = "systole-media";
  private boolean serialForwarding = true;
  private String nodeName;
  private Supplier<AuthKeys> authKeys;
  private LongSupplier nanoClock = System::nanoTime;

  /**
   * How long a failed medium waits before it tries again; also how often a UDP link checks its
   * interface.
   */
  public Duration retryInterval() {
    return retryInterval;
  }

  /** Sets {@link #retryInterval()}. */
  public MediaContext retryInterval(final Duration value) {
    retryInterval = value;
    return this;
  }

  /** Drops are logged at most once per link per this interval (counted always). */
  public Duration dropLogInterval() {
    return dropLogInterval;
  }

  /** Sets {@link #dropLogInterval()}. */
  public MediaContext dropLogInterval(final Duration value) {
    dropLogInterval = value;
    return this;
  }

  /** How long a serial read waits for the first byte; bounds how fast a serial link closes. */
  public Duration serialReadTimeout() {
    return serialReadTimeout;
  }

  /** Sets {@link #serialReadTimeout()}. */
  public MediaContext serialReadTimeout(final Duration value) {
    serialReadTimeout = value;
    return this;
  }

  /** How long one serial write may block before the rest of the frame is given up. */
  public Duration serialWriteTimeout() {
    return serialWriteTimeout;
  }

  /** Sets {@link #serialWriteTimeout()}. */
  public MediaContext serialWriteTimeout(final Duration value) {
    serialWriteTimeout = value;
    return this;
  }

  /** Frames a serial link holds while its line is busy; more are dropped. */
  public int serialQueueFrames() {
    return serialQueueFrames;
  }

  /** Sets {@link #serialQueueFrames()}. */
  public MediaContext serialQueueFrames(final int value) {
    serialQueueFrames = value;
    return this;
  }

  /**
   * Largest frame received or sent, in bytes (default Heartbeat's 256 KiB; a UDP datagram is never
   * more than {@link #MAX_UDP_PAYLOAD}). Longer ones are dropped and counted.
   */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Sets {@link #maxFrameBytes()}. */
  public MediaContext maxFrameBytes(final int value) {
    maxFrameBytes = value;
    return this;
  }

  /** Which UDP transport to use. */
  public UdpTransport udpTransport() {
    return udpTransport;
  }

  /** Sets {@link #udpTransport()}. */
  public MediaContext udpTransport(final UdpTransport value) {
    udpTransport = value;
    return this;
  }

  /** Event-loop threads shared by all UDP links. */
  public int udpThreads() {
    return udpThreads;
  }

  /** Sets {@link #udpThreads()}. */
  public MediaContext udpThreads(final int value) {
    udpThreads = value;
    return this;
  }

  /** Prefix of every thread the media start (event loops, retry, serial reader and writer). */
  public String threadNamePrefix() {
    return threadNamePrefix;
  }

  /** Sets {@link #threadNamePrefix()}. */
  public MediaContext threadNamePrefix(final String value) {
    threadNamePrefix = value;
    return this;
  }

  /**
   * Whether a frame read on one serial link is forwarded to the node's other serial links (with
   * {@code ttl} decremented), as Heartbeat does for serial rings. Needs {@link #nodeName()} and
   * {@link #authKeys()} when there are two or more serial links.
   */
  public boolean serialForwarding() {
    return serialForwarding;
  }

  /** Sets {@link #serialForwarding()}. */
  public MediaContext serialForwarding(final boolean value) {
    serialForwarding = value;
    return this;
  }

  /**
   * This node's name as Heartbeat sends it in {@code src} (lower case); frames from it are never
   * forwarded.
   */
  public String nodeName() {
    return nodeName;
  }

  /** Sets {@link #nodeName()}. */
  public MediaContext nodeName(final String value) {
    nodeName = value;
    return this;
  }

  /**
   * Makes the keys that authenticate and re-sign forwarded serial frames. Called once per serial
   * link, because {@link AuthKeys} belongs to one thread.
   */
  public Supplier<AuthKeys> authKeys() {
    return authKeys;
  }

  /** Sets {@link #authKeys()}. */
  public MediaContext authKeys(final Supplier<AuthKeys> value) {
    authKeys = value;
    return this;
  }

  /** The monotonic clock, in nanoseconds, that paces drop logging. */
  public LongSupplier nanoClock() {
    return nanoClock;
  }

  /** Sets {@link #nanoClock()}. */
  public MediaContext nanoClock(final LongSupplier value) {
    nanoClock = value;
    return this;
  }

  /**
   * Checks the settings once.
   *
   * @throws IllegalArgumentException naming the first bad setting
   */
  public MediaContext conclude() {
    positive("retryInterval", retryInterval);
    positive("dropLogInterval", dropLogInterval);
    positive("serialReadTimeout", serialReadTimeout);
    positive("serialWriteTimeout", serialWriteTimeout);
    if (serialQueueFrames < 1) {
      throw new IllegalArgumentException(
          "serialQueueFrames must be at least 1: " + serialQueueFrames);
    }
    if (maxFrameBytes < 8 || maxFrameBytes > NetstringCodec.MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "maxFrameBytes must be 8.." + NetstringCodec.MAX_MESSAGE + ": " + maxFrameBytes);
    }
    if (udpThreads < 1) {
      throw new IllegalArgumentException("udpThreads must be at least 1: " + udpThreads);
    }
    if (udpTransport == null || nanoClock == null) {
      throw new IllegalArgumentException("udpTransport and nanoClock are required");
    }
    if (threadNamePrefix == null || threadNamePrefix.isEmpty()) {
      throw new IllegalArgumentException("threadNamePrefix is required");
    }
    return this;
  }

  /** Checks what serial forwarding needs, when {@code serialLinks} serial links will run. */
  void concludeForwarding(final int serialLinks) {
    if (serialForwarding && serialLinks >= 2 && (nodeName == null || authKeys == null)) {
      throw new IllegalArgumentException(
          "serial forwarding between " + serialLinks + " serial links needs nodeName and authKeys");
    }
  }

  private static void positive(final String name, final Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
