package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog device: one byte per tickle, 'V' at a clean close, failures survived. */
@Timeout(30)
class WatchdogTest {
  @TempDir Path tmp;

  @Test
  void eachTickleWritesOneByteAndACleanCloseEndsWithMagicClose() throws Exception {
    final Path file = Files.createFile(tmp.resolve("watchdog"));
    final Watchdog w = Watchdog.open(file);
    w.tickle();
    w.tickle();
    w.tickle();
    assertEquals("...", Files.readString(file));
    assertEquals(3, w.tickles());
    w.close();
    assertEquals("...V", Files.readString(file));
    w.tickle();
    w.close();
    assertEquals("...V", Files.readString(file), "nothing after the magic close");
  }

  @Test
  void openingNeitherCreatesNorTruncates() throws Exception {
    final Path file = Files.writeString(tmp.resolve("watchdog"), "xxxxx");
    try (Watchdog w = Watchdog.open(file)) {
      w.tickle();
    }
    assertEquals(".Vxxx", Files.readString(file));
    assertThrows(UncheckedIOException.class, () -> Watchdog.open(tmp.resolve("absent")));
    assertFalse(Files.exists(tmp.resolve("absent")));
  }

  @Test
  void ticklesReachAFifoReaderOneByteEach() throws Exception {
    final Path fifo = mkfifo("wd");
    final CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> readAll(fifo));
    final Watchdog w = Watchdog.open(fifo); // waits for the reader, as open(2) does
    for (int i = 0; i < 5; i++) {
      w.tickle();
    }
    w.close();
    assertEquals(".....V", read.get(10, TimeUnit.SECONDS));
    assertEquals(5, w.tickles());
    assertEquals(0, w.failures());
  }

  @Test
  void aDeviceThatCannotBeOpenedIsAStartErrorThatSaysWhatToDo() {
    final Path absent = tmp.resolve("no").resolve("watchdog");
    final UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> Watchdog.open(absent));
    assertTrue(
        e.getMessage().startsWith("cannot open the watchdog device " + absent), e::getMessage);
    assertTrue(e.getMessage().contains("modprobe softdog"), e::getMessage);
    assertTrue(e.getMessage().contains("may write to " + absent), e::getMessage);
  }

  @Test
  void aFailingWriteIsSurvivedAndRetriedUntilItWorksAgain() throws Exception {
    final Path fifo = mkfifo("wd");
    final CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(() -> readOne(fifo)); // reads one byte, then goes away
    final Watchdog w = Watchdog.open(fifo);
    w.tickle();
    assertEquals((int) Watchdog.TICKLE, first.get(10, TimeUnit.SECONDS));
    w.tickle(); // no reader left: EPIPE
    w.tickle();
    assertTrue(w.failing());
    assertEquals(2, w.failures());
    final CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> readAll(fifo));
    awaitTickleReaches(w);
    assertFalse(w.failing());
    w.close();
    assertTrue(second.get(10, TimeUnit.SECONDS).endsWith(".V"));
  }

  /** Tickles until a new reader has opened the FIFO and the write goes through again. */
  private static void awaitTickleReaches(final Watchdog w) throws InterruptedException {
    final long before = w.tickles();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (w.tickles() == before && System.nanoTime() < deadline) {
      Thread.sleep(10);
      w.tickle();
    }
    assertEquals(before + 1, w.tickles(), "the FIFO's new reader never got a tickle");
  }

  private Path mkfifo(final String name) throws Exception {
    final Path fifo = tmp.resolve(name);
    final Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
    return fifo;
  }

  private static String readAll(final Path fifo) {
    // Not readAllBytes: on Java 17 it seeks, which a FIFO refuses.
    try (InputStream in = new FileInputStream(fifo.toFile())) {
      final StringBuilder out = new StringBuilder();
      for (int b = in.read(); b >= 0; b = in.read()) {
        out.append((char) b);
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int readOne(final Path fifo) {
    try (InputStream in = new FileInputStream(fifo.toFile())) {
      return in.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
