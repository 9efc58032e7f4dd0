package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real single-node daemon with {@code watchdog FIFO} on loopback, and a test-side stand-in for
 * softdog reading the FIFO: the daemon tickles it at its keepalive, a SIGSTOPped daemon stops
 * tickling and the stand-in declares a reset (the test then kills the daemon, as the reset would),
 * a SIGTERM ends with the magic close 'V', and a device that cannot be opened stops the start. The
 * real softdog is never loaded: it would reset this machine. The rig also serves tests of other
 * single-daemon behaviour.
 */
class WatchdogIT {
  private static final long KEEPALIVE_MS = SingleDaemon.KEEPALIVE_MS;

  /** How long the stand-in waits for a tickle before it declares a reset (softdog: 60 s). */
  private static final long MARGIN_MS = 1500;

  @TempDir Path tmp;
  private Process daemon;

  /** How {@code env} starts the daemon's SIGHUP: at its default unless a test says otherwise. */
  private String sighup = "--default-signal=HUP";

  private Softdog softdog;

  /** ha.cf lines a test adds to the rig's. */
  private List<String> moreLines = List.of();

  @AfterEach
  void cleanUp() throws Exception {
    if (daemon != null) {
      daemon.descendants().forEach(ProcessHandle::destroyForcibly);
      daemon.destroyForcibly(); // SIGKILL by PID, which also ends a SIGSTOPped daemon
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
    if (softdog != null) {
      softdog.close();
    }
  }

  @Test
  void aHungDaemonStopsTicklingAndTheStandInResetsIt() throws Exception {
    start();
    final int running = softdog.ticklesWithin(5_000);
    assertTrue(running >= 3, "tickles in 5 s at keepalive " + KEEPALIVE_MS + " ms: " + running);
    assertTrue(running <= 5_000 / KEEPALIVE_MS * 3, "a flood, not a tickle per heartbeat");

    signal("STOP");
    awaitTrue(() -> softdog.reset(), 30, "the stand-in never declared a reset");
    assertEquals(0, softdog.ticklesWithin(2_000), "tickles from a stopped daemon");
    signal("KILL"); // the reset
    assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
    awaitTrue(() -> softdog.closed(), 10, "the device stays open after the kill");
    assertFalse(softdog.disarmed(), "a killed daemon must not disarm the watchdog");
  }

  @Test
  void aCleanStopDisarmsTheWatchdogWithMagicClose() throws Exception {
    start();
    assertTrue(softdog.ticklesWithin(5_000) >= 3, log());
    signal("TERM");
    assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not stop\n" + log());
    awaitTrue(() -> softdog.closed(), 10, "the device stays open after the stop");
    assertTrue(softdog.disarmed(), "the last byte is not 'V': " + softdog.last() + "\n" + log());
    assertFalse(softdog.reset(), "a clean stop must not let the watchdog fire");
    assertFalse(log().contains("SIGHUP was ignored"), log());
  }

  /**
   * Not the watchdog, but this rig is the one that runs a single daemon: started with SIGHUP
   * ignored (as under nohup), the daemon says at once that reloads will not reach it.
   */
  @Test
  void aDaemonStartedWithSighupIgnoredSaysThatReloadsWillNotWork() throws Exception {
    sighup = "--ignore-signal=HUP";
    start();
    awaitTrue(() -> logSays("SIGHUP was ignored by whoever started this daemon"), 30, "no word");
    assertTrue(log().contains("start it without nohup"), log());
  }

  /**
   * Not the watchdog either: {@code systole_notify} runs its program, with the transition in {@code
   * SYSTOLE_*} variables, when the daemon starts and when a SIGTERM stops it.
   */
  @Test
  void theNotifyProgramHearsOfTheDaemonsStartAndStop() throws Exception {
    final Path notified = tmp.resolve("notified");
    final Path script = tmp.resolve("notify.sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho \"$SYSTOLE_KIND $SYSTOLE_EVENT $SYSTOLE_STATE\" >> " + notified + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    moreLines = List.of("systole_notify " + script, "systole_notify_timeout 5");
    start();
    final String started = "daemon DaemonStarted daemon_started";
    awaitTrue(() -> linesOf(notified).contains(started), 30, "no " + started);
    assertEquals(started, linesOf(notified).get(0), "the start is the first notification");
    // Its SIGTERM handler is in place once it says it runs; a SIGTERM before is no clean stop.
    awaitTrue(() -> logSays("ha1: running, generation"), 30, "never said it runs");
    signal("TERM");
    assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not stop\n" + log());
    final List<String> lines = linesOf(notified);
    assertEquals(
        "daemon DaemonStopped daemon_stopped", lines.get(lines.size() - 1), lines::toString);
  }

  private static List<String> linesOf(final Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Test
  void aDeviceThatCannotBeOpenedStopsTheStartAndSaysWhatToDo() throws Exception {
    final Path missing = tmp.resolve("no").resolve("watchdog");
    daemon = launch(configure(missing));
    assertTrue(daemon.waitFor(120, TimeUnit.SECONDS), "the daemon started anyway\n" + log());
    assertNotEquals(0, daemon.exitValue(), log());
    final String log = log();
    assertTrue(log.contains("cannot open the watchdog device " + missing), log);
    assertTrue(log.contains("modprobe softdog"), log);
  }

  /** Starts the daemon on a FIFO read by the stand-in; waits for its first tickle. */
  private void start() throws Exception {
    final Path fifo = tmp.resolve("watchdog");
    final Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
    softdog = new Softdog(fifo, MARGIN_MS);
    daemon = launch(configure(fifo));
    // A first start may build the jar first (the launcher does when it is stale).
    awaitTrue(() -> softdog.tickles() > 0 || !daemon.isAlive(), 180, "no tickle");
    assertTrue(daemon.isAlive(), log());
    assertTrue(log().contains("watchdog " + fifo + " armed"), log());
  }

  private Path configure(final Path device) throws IOException {
    final List<String> lines = new ArrayList<>(List.of("auto_failback on", "watchdog " + device));
    lines.addAll(moreLines);
    return rig().configure(lines.toArray(new String[0]));
  }

  /** The daemon with SIGHUP as {@link #sighup} says. */
  private Process launch(final Path etc) throws IOException {
    return rig().launch(etc, sighup);
  }

  private SingleDaemon rig() {
    return new SingleDaemon(tmp);
  }

  private void signal(final String signal) throws Exception {
    final Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(daemon.pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
  }

  private boolean logSays(final String text) {
    try {
      return log().contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private String log() throws IOException {
    return rig().log();
  }

  private void awaitTrue(final BooleanSupplier what, final int seconds, final String message)
      throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!what.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, message + "\n" + log());
      Thread.sleep(20);
    }
  }

  /**
   * The stand-in for softdog: reads the device's FIFO byte by byte, and declares a reset when no
   * byte came for its margin since the first one, unless the last byte was the magic close.
   */
  private static final class Softdog implements AutoCloseable {
    private final Path fifo;
    private final long marginNanos;
    private final List<Long> times = new ArrayList<>();
    private final Thread reader;
    private final Thread timer;
    private volatile boolean opened;
    private volatile boolean closed;
    private volatile boolean reset;
    private volatile int last = -1;

    Softdog(final Path fifo, final long marginMs) {
      this.fifo = fifo;
      this.marginNanos = TimeUnit.MILLISECONDS.toNanos(marginMs);
      this.reader = new Thread(this::read, "softdog-reader");
      this.timer = new Thread(this::watch, "softdog-timer");
      reader.setDaemon(true);
      timer.setDaemon(true);
      reader.start();
      timer.start();
    }

    private void read() {
      // Byte by byte, not readAllBytes: on Java 17 that seeks, which a FIFO refuses.
      try (InputStream in = new FileInputStream(fifo.toFile())) {
        opened = true;
        for (int b = in.read(); b >= 0; b = in.read()) {
          synchronized (times) {
            times.add(System.nanoTime());
          }
          last = b;
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } finally {
        closed = true;
      }
    }

    private void watch() {
      while (!closed && !reset) {
        final long now = System.nanoTime();
        final Long latest;
        synchronized (times) {
          latest = times.isEmpty() ? null : times.get(times.size() - 1);
        }
        if (latest != null && last != 'V' && now - latest > marginNanos) {
          reset = true;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    int tickles() {
      synchronized (times) {
        return times.size();
      }
    }

    /** How many bytes arrive in the next {@code ms}. */
    int ticklesWithin(final long ms) throws InterruptedException {
      final int before = tickles();
      Thread.sleep(ms);
      return tickles() - before;
    }

    boolean reset() {
      return reset;
    }

    boolean closed() {
      return closed;
    }

    char last() {
      return (char) last;
    }

    boolean disarmed() {
      return closed && last == 'V';
    }

    @Override
    public void close() throws Exception {
      timer.interrupt();
      if (!opened && !closed) {
        // Still waiting in open for a writer that never came: be that writer, so it ends.
        new FileOutputStream(fifo.toFile()).close();
      }
      reader.join(10_000);
      timer.join(10_000);
    }
  }
}
