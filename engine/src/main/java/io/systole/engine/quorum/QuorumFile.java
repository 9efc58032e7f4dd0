package io.systole.engine.quorum;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quorum file: a tiebreaker on storage every node reaches. Each node keeps trying to take a
 * POSIX lock on the file, every keepalive, on its own thread ({@value #THREAD_NAME}); at most one
 * node holds it, and it holds it until its process ends, when the kernel (or the file server)
 * releases it for the next node. A partition holding exactly half of the votes has quorum only on
 * the side that holds the lock, so of two halves of a split cluster exactly one keeps running. A
 * frozen holder keeps the lock: the other half then waits, which is safe. Each change is reported
 * to the listener on the thread, with the evidence.
 */
public final class QuorumFile implements AutoCloseable {
  /** The thread that takes the lock. */
  public static final String THREAD_NAME = "systole-quorum-file";

  private static final Logger LOG = LoggerFactory.getLogger(QuorumFile.class);

  /** Told whether this node holds the lock, on each change. */
  @FunctionalInterface
  public interface Listener {
    /** This node holds the lock on {@code file} ({@code held}) or does not, and why. */
    void onLock(String file, boolean held, String detail);
  }

  private final Path file;
  private final long intervalMillis;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean running = true;
  private FileChannel channel;
  private FileLock lock;

  /** Whether the last verdict reported was "held": null before the first. */
  private Boolean reported;

  private String lastError = "";

  /**
   * A quorum file, not yet started.
   *
   * @param file the file every node locks; created if missing, never written
   * @param intervalMillis how often a node without the lock tries again
   */
  public QuorumFile(final Path file, final long intervalMillis, final Listener listener) {
    this.file = file;
    this.intervalMillis = Math.max(10, intervalMillis);
    this.listener = listener;
    this.thread = new Thread(this::run, THREAD_NAME);
    this.thread.setDaemon(true);
  }

  /** Starts trying to take the lock. */
  public void start() {
    thread.start();
  }

  /** Tries once: takes the lock if it is free, and reports a change. Public for tests. */
  public void tryOnce() {
    if (lock != null && lock.isValid()) {
      return;
    }
    try {
      if (channel == null || !channel.isOpen()) {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      }
      lock = channel.tryLock();
      lastError = "";
      verdict(
          lock != null,
          lock != null
              ? "this node holds the lock on the quorum file " + file
              : "another node holds the lock on the quorum file " + file);
    } catch (IOException | OverlappingFileLockException e) {
      final String why = String.valueOf(e.getMessage());
      if (!why.equals(lastError)) {
        LOG.warn("quorum file {}: {}; trying again every {} ms", file, why, intervalMillis);
        lastError = why;
      }
      verdict(false, "the quorum file " + file + " cannot be locked: " + why);
    }
  }

  /** Whether this node holds the lock now. */
  public boolean held() {
    return lock != null && lock.isValid();
  }

  private void verdict(final boolean held, final String detail) {
    if (reported == null || reported != held) {
      reported = held;
      listener.onLock(file.toString(), held, detail);
    }
  }

  private void run() {
    while (running) {
      tryOnce();
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops trying and releases the lock (the process's end would too). */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
      if (channel != null) {
        channel.close(); // releases the lock
      }
    } catch (IOException e) {
      LOG.warn("quorum file {}: closing: {}", file, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
