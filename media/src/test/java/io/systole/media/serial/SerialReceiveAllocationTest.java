package io.systole.media.serial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.Allocation;
import io.systole.media.FrameHandler;
import io.systole.media.Link;
import io.systole.media.LinkConfig;
import io.systole.media.LinkListener;
import io.systole.media.LinkState;
import io.systole.media.Media;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A serial link's reader thread reads, deframes and delivers frames without allocating. */
class SerialReceiveAllocationTest {
  @TempDir Path dir;

  private final AtomicReference<Thread> reader = new AtomicReference<>();
  private final AtomicLong count = new AtomicLong();

  @Test
  void theSerialReceivePathAllocatesNothingPerFrame() throws Exception {
    final byte[] slot = new byte[4096];
    final FrameHandler copyOut =
        (link, frame, source) -> {
          reader.set(Thread.currentThread());
          frame.get(slot, 0, frame.remaining());
          count.incrementAndGet();
        };
    try (Socat cable = Socat.cable(dir, "ttyA", "ttyB");
        Media a =
            Media.start(
                SerialNode.context("a"),
                List.of(new LinkConfig.Serial(cable.a(), LinkConfig.DEFAULT_BAUD)),
                copyOut,
                LinkListener.NONE);
        SerialNode b = SerialNode.start("b", cable.b())) {
      final Link lb = b.up(0);
      while (a.links().get(0).state() != LinkState.UP) {
        Thread.sleep(5);
      }
      final ByteBuffer frame = ByteBuffer.wrap(SerialNode.frame("b", 3, "x".repeat(200)));
      send(lb, frame, 500);
      final long c0 = count.get();
      final long before = Allocation.allocated(reader.get());
      send(lb, frame, 1000);
      final double perFrame =
          (Allocation.allocated(reader.get()) - before) / (double) (count.get() - c0);
      assertTrue(perFrame < 8, () -> perFrame + " B allocated per frame on the reader thread");
    }
  }

  private void send(final Link link, final ByteBuffer frame, final int n) throws Exception {
    final long target = count.get() + n;
    for (int i = 0; i < n; i++) {
      while (!link.send(frame)) {
        Thread.sleep(1);
      }
    }
    final long deadline = System.nanoTime() + 5_000_000_000L;
    while (count.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }
}
