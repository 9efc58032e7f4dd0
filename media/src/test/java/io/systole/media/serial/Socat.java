package io.systole.media.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A null-modem cable: {@code socat} joining two pseudo-terminals, reachable at two symlinks.
 * Killing it is a device that vanishes (the symlinks go too), as when a USB serial adapter is
 * unplugged.
 */
final class Socat implements AutoCloseable {
  private final Path a;
  private final Path b;
  private final Path log;
  private Process process;

  private Socat(final Path dir, final String a, final String b) {
    this.a = dir.resolve(a);
    this.b = dir.resolve(b);
    this.log = dir.resolve(a + "-" + b + ".socat.log");
  }

  /** A cable between {@code dir/a} and {@code dir/b}, plugged in. */
  static Socat cable(final Path dir, final String a, final String b) {
    final Socat s = new Socat(dir, a, b);
    s.plug();
    return s;
  }

  /** One end. */
  String a() {
    return a.toString();
  }

  /** The other end. */
  String b() {
    return b.toString();
  }

  /** Starts socat and waits for both ends to appear. */
  void plug() {
    try {
      process =
          new ProcessBuilder(
                  "socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!(Files.exists(a) && Files.exists(b))) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException(
              "socat did not make " + a + " and " + b + ": " + logText());
        }
        Thread.sleep(5);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills socat (SIGTERM) and waits for it to go. */
  void unplug() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      unplug();
    }
  }
}
