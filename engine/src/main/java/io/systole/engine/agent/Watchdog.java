package io.systole.engine.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ha.cf {@code watchdog} device (Linux watchdog API: {@code /dev/watchdog} of softdog or a
 * hardware driver): opened once at start, tickled with one byte for every heartbeat this node
 * sends, so that a daemon which hangs stops tickling and the kernel resets the machine before peers
 * take over resources it may still hold. {@link #close} is the clean stop: it writes the magic
 * close character {@code 'V'} first, which disarms a driver built without {@code nowayout}; a
 * process that dies closes the device without it and leaves the machine to be reset.
 *
 * <p>Single writer: {@link #tickle} and {@link #close} are called by one thread at a time, the
 * caller orders them (the cluster-logic thread tickles; the stop closes once it no longer does). A
 * tickle allocates nothing. A failed write is said once and retried on the next tickle; the
 * recovery is said once too.
 */
final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  /** Any byte but 'V' tickles; a 'V' would disarm the device if the process died right after. */
  static final byte TICKLE = '.';

  /** Linux's magic close: written just before close, the driver stops its timer. */
  static final byte MAGIC_CLOSE = 'V';

  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer tickle = oneByte(TICKLE);
  private final ByteBuffer magic = oneByte(MAGIC_CLOSE);
  private boolean failing;
  private boolean closed;
  private long tickles;
  private long failures;

  private Watchdog(final Path path, final FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Opens {@code path} write-only, without creating or truncating it (a character device, a FIFO or
   * a regular file). A FIFO's open waits for its reader, as open(2) does.
   *
   * @throws UncheckedIOException when it cannot be opened, saying what to do about it
   */
  static Watchdog open(final Path path) {
    try {
      return new Watchdog(path, FileChannel.open(path, StandardOpenOption.WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the watchdog device "
              + path
              + " (ha.cf watchdog): "
              + e
              + "; load a watchdog driver (modprobe softdog), check that this user may write to "
              + path
              + ", or remove the watchdog line from ha.cf",
          e);
    }
  }

  /** The device. */
  Path path() {
    return path;
  }

  /**
   * Writes one byte to the device, which restarts its timer. A failure is logged when it starts and
   * when it ends, never in between, and never stops the caller.
   */
  void tickle() {
    if (closed) {
      return;
    }
    tickle.clear();
    try {
      channel.write(tickle);
      tickles++;
      if (failing) {
        failing = false;
        LOG.info("watchdog {}: tickled again after {} failed write(s)", path, failures);
      }
    } catch (IOException e) {
      failures++;
      if (!failing) {
        failing = true;
        LOG.error(
            "watchdog {}: cannot tickle it ({}); retrying at every heartbeat. If this lasts past"
                + " the device's timeout the kernel resets this machine: check the device and its"
                + " driver",
            path,
            e.toString());
      }
    }
  }

  /** Whether the last tickle failed. */
  boolean failing() {
    return failing;
  }

  /** How many tickles reached the device. */
  long tickles() {
    return tickles;
  }

  /** How many tickles failed. */
  long failures() {
    return failures;
  }

  /**
   * Disarms and closes the device: the magic close character, then close. A driver built with
   * {@code nowayout} ignores the 'V' and resets the machine after its timeout anyway; a failed
   * write is said, since the machine will then be reset.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    magic.clear();
    try {
      channel.write(magic);
    } catch (IOException e) {
      LOG.error(
          "watchdog {}: could not disarm it ({}); the kernel will reset this machine after the"
              + " device's timeout unless the daemon is started again before then",
          path,
          e.toString());
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("watchdog {}: closing it failed: {}", path, e.toString());
    }
  }

  private static ByteBuffer oneByte(final byte b) {
    final ByteBuffer buffer = ByteBuffer.allocateDirect(1);
    buffer.put(0, b);
    return buffer;
  }
}
