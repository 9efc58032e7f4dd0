package io.systole.media;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A frame handler and link listener that keeps copies of what it hears, for tests to await. */
public final class FrameRecorder implements FrameHandler, LinkListener {
  /** How long a test waits for something that should happen. */
  public static final long WAIT_MS = 5000;

  /** A received frame, copied. */
  public record Frame(Link link, byte[] bytes, SocketAddress source, boolean readOnly) {
    /** The bytes as ASCII text. */
    public String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** A state change: {@code failure} is null for up. */
  public record Event(Link link, LinkFailure failure) {}

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final Map<Link, BlockingQueue<Event>> events = new ConcurrentHashMap<>();
  private final List<Event> history = new CopyOnWriteArrayList<>();

  @Override
  public void onFrame(final Link link, final ByteBuffer frame, final SocketAddress source) {
    final byte[] copy = new byte[frame.remaining()];
    frame.get(copy);
    frames.add(new Frame(link, copy, source, frame.isReadOnly()));
  }

  @Override
  public void linkUp(final Link link) {
    final Event e = new Event(link, null);
    history.add(e);
    events(link).add(e);
  }

  @Override
  public void linkFailed(final Link link, final LinkFailure failure) {
    final Event e = new Event(link, failure);
    history.add(e);
    events(link).add(e);
  }

  /** The next frame, waiting up to {@link #WAIT_MS}. */
  public Frame next() {
    try {
      final Frame f = frames.poll(WAIT_MS, TimeUnit.MILLISECONDS);
      if (f == null) {
        fail("no frame within " + WAIT_MS + " ms; events " + history);
      }
      return f;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next frame whose text contains {@code marker}, skipping others. */
  public Frame next(final String marker) {
    while (true) {
      final Frame f = next();
      if (f.text().contains(marker)) {
        return f;
      }
    }
  }

  /** Asserts that no frame arrives within {@code ms}. */
  public void assertQuiet(final long ms) {
    try {
      final Frame f = frames.poll(ms, TimeUnit.MILLISECONDS);
      assertNull(f, () -> "unexpected frame on " + f.link() + ": " + f.text());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for {@code link}'s next report of up (skipping its failures). */
  public void awaitUp(final Link link) {
    awaitEvent(link, true);
  }

  /** Waits for {@code link}'s next failure report (skipping its ups) and returns it. */
  public LinkFailure awaitFailure(final Link link) {
    return awaitEvent(link, false).failure();
  }

  /** Every event so far, in order. */
  public List<Event> history() {
    return List.copyOf(history);
  }

  private BlockingQueue<Event> events(final Link link) {
    return events.computeIfAbsent(link, l -> new LinkedBlockingQueue<>());
  }

  private Event awaitEvent(final Link link, final boolean up) {
    final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    try {
      while (true) {
        final long left = deadline - System.nanoTime();
        final Event e = events(link).poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (e == null) {
          fail((up ? "no up" : "no failure") + " from " + link + " in time; events " + history);
        }
        if ((e.failure() == null) == up) {
          return e;
        }
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
