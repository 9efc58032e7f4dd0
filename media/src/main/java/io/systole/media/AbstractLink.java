package io.systole.media;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every transport shares: identity, counters, rate-limited drop logging, delivery to the
 * {@link FrameHandler} and the state transitions reported to the {@link LinkListener}. The UDP and
 * serial transports extend it; nothing outside the media module should.
 */
public abstract class AbstractLink implements Link {
  private static final Logger LOG = LoggerFactory.getLogger(Media.class);
  private static final int ATTEMPTS = 0;
  private static final int FRAMES_IN = 1;
  private static final int BYTES_IN = 2;
  private static final int FRAMES_OUT = 3;
  private static final int BYTES_OUT = 4;
  private static final int FORWARDED = 5;
  private static final int TTL_SPENT = 6;
  private static final int FORWARD_REJECTED = 7;

  private final int id;
  private final LinkConfig config;
  private final MediaContext context;
  private final FrameHandler handler;
  private final LinkListener listener;
  private final DropLog dropLog;
  private final AtomicLongArray counters = new AtomicLongArray(8);
  private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
  private final Object transitions = new Object();
  private volatile LinkState state = LinkState.STARTING;
  private volatile LinkFailure failure;

  /**
   * A link for {@code config} at index {@code id}, reporting to {@code handler} and {@code
   * listener}.
   */
  protected AbstractLink(
      final int id,
      final LinkConfig config,
      final MediaContext context,
      final FrameHandler handler,
      final LinkListener listener) {
    this.id = id;
    this.config = config;
    this.context = context;
    this.handler = handler;
    this.listener = listener;
    this.dropLog =
        new DropLog(
            config.name(), context.nanoClock(), context.dropLogInterval().toNanos(), LOG::warn);
  }

  /** Starts the first attempt to bind or open the medium; returns at once. */
  public abstract void start();

  /** Stops the link for good and releases its socket or port and threads; idempotent. */
  public abstract void close();

  @Override
  public final int id() {
    return id;
  }

  @Override
  public final String name() {
    return config.name();
  }

  @Override
  public final LinkConfig config() {
    return config;
  }

  @Override
  public final LinkState state() {
    return state;
  }

  @Override
  public final LinkFailure failure() {
    return failure;
  }

  @Override
  public final LinkStats stats() {
    final long[] values = new long[counters.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = counters.get(i);
    }
    final long[] d = new long[drops.length()];
    for (int i = 0; i < d.length; i++) {
      d[i] = drops.get(i);
    }
    return new LinkStats(name(), state, values, d);
  }

  @Override
  public String toString() {
    return name();
  }

  /** The settings the link runs with. */
  protected final MediaContext context() {
    return context;
  }

  /**
   * Hands one received frame to the frame handler and counts it. {@code frame} is the link's
   * read-only view, positioned on the frame.
   */
  protected final void deliver(final ByteBuffer frame, final SocketAddress source) {
    final int n = frame.remaining();
    counters.incrementAndGet(FRAMES_IN);
    counters.addAndGet(BYTES_IN, n);
    try {
      handler.onFrame(this, frame, source);
    } catch (RuntimeException e) {
      drop(DropReason.HANDLER_ERROR, source);
      LOG.debug("link {}: frame handler failed", name(), e);
    }
  }

  /** Counts (and, rate-limited, logs) one dropped frame. */
  protected final void drop(final DropReason reason, final SocketAddress source) {
    drops.incrementAndGet(reason.ordinal());
    dropLog.dropped(reason, source);
  }

  /** Counts an attempt to bind or open the medium. */
  protected final void countAttempt() {
    counters.incrementAndGet(ATTEMPTS);
  }

  /** Counts a frame of {@code bytes} handed to the medium. */
  protected final void countSent(final int bytes) {
    counters.incrementAndGet(FRAMES_OUT);
    counters.addAndGet(BYTES_OUT, bytes);
  }

  /** Counts a received frame forwarded to other links. */
  protected final void countForwarded() {
    counters.incrementAndGet(FORWARDED);
  }

  /** Counts a received frame not forwarded because its ttl was spent. */
  protected final void countTtlSpent() {
    counters.incrementAndGet(TTL_SPENT);
  }

  /** Counts a received frame not forwarded because it did not decode or authenticate. */
  protected final void countForwardRejected() {
    counters.incrementAndGet(FORWARD_REJECTED);
  }

  /** The medium is up: reports it unless it already was. Ignored once closed. */
  protected final void markUp() {
    synchronized (transitions) {
      if (state == LinkState.UP || state == LinkState.CLOSED) {
        return;
      }
      state = LinkState.UP;
      failure = null;
      LOG.info("link {} up", name());
      try {
        listener.linkUp(this);
      } catch (RuntimeException e) {
        LOG.warn("link {}: listener failed on up", name(), e);
      }
    }
  }

  /**
   * The medium failed with {@code f}: reports it on a transition to failed or when the kind of
   * failure changes; a retry failing the same way is only recorded. Ignored once closed.
   */
  protected final void markFailed(final LinkFailure f) {
    synchronized (transitions) {
      if (state == LinkState.CLOSED) {
        return;
      }
      final boolean news =
          state != LinkState.FAILED || failure == null || failure.kind() != f.kind();
      state = LinkState.FAILED;
      failure = f;
      if (!news) {
        return;
      }
      LOG.warn("link {}: {}", name(), f);
      try {
        listener.linkFailed(this, f);
      } catch (RuntimeException e) {
        LOG.warn("link {}: listener failed on failure", name(), e);
      }
    }
  }

  /** Marks the link closed; returns false if it already was. No report follows. */
  protected final boolean markClosed() {
    synchronized (transitions) {
      if (state == LinkState.CLOSED) {
        return false;
      }
      state = LinkState.CLOSED;
      return true;
    }
  }
}
