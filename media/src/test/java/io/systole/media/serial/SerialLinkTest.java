package io.systole.media.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fazecast.jSerialComm.SerialPort;
import io.systole.media.DropReason;
import io.systole.media.FrameRecorder.Frame;
import io.systole.media.Link;
import io.systole.media.LinkFailure;
import io.systole.media.LinkFailure.Kind;
import io.systole.media.LinkState;
import io.systole.media.LinkStats;
import io.systole.media.wire.HeartbeatMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serial links over a socat null-modem cable, for real. */
class SerialLinkTest {
  @TempDir Path dir;

  @Test
  void framesFlowBothWaysOverANullModemCable() throws Exception {
    try (Socat cable = Socat.cable(dir, "ttyA", "ttyB");
        SerialNode a = SerialNode.start("a", cable.a());
        SerialNode b = SerialNode.start("b", cable.b())) {
      final Link la = a.up(0);
      final Link lb = b.up(0);
      assertEquals("serial " + cable.a(), la.name());

      final byte[] fromA = SerialNode.frame("a", 3, "hello b");
      assertTrue(la.send(SerialNode.wrap(fromA)));
      final Frame atB = b.recorder.next();
      assertArrayEquals(fromA, atB.bytes());
      assertEquals(lb, atB.link());
      assertNull(atB.source(), "a serial frame has no source address");
      assertTrue(atB.readOnly());
      assertEquals("hello b", SerialNode.decode(atB.bytes()).get("info"));

      final byte[] fromB = SerialNode.frame("b", 3, "hello a");
      assertTrue(lb.send(SerialNode.wrap(fromB)));
      assertArrayEquals(fromB, a.recorder.next().bytes());

      for (int i = 0; i < 20; i++) {
        assertTrue(la.send(SerialNode.wrap(SerialNode.frame("a", 3, "burst " + i))));
      }
      for (int i = 0; i < 20; i++) {
        final HeartbeatMessage m = SerialNode.decode(b.recorder.next().bytes());
        assertEquals("burst " + i, m.get("info"), "in order, none lost or torn");
      }
      final LinkStats s = la.stats();
      assertEquals(21, s.framesOut());
      assertEquals(1, s.framesIn());
      assertEquals(0, s.totalDrops());
      assertEquals(0, b.media.links().get(0).stats().totalDrops());
    }
  }

  @Test
  void unpluggingTheCableIsReportedAsDeviceGoneAndTheLinkReturnsWithIt() throws Exception {
    try (Socat cable = Socat.cable(dir, "ttyA", "ttyB");
        SerialNode a = SerialNode.start("a", cable.a());
        SerialNode b = SerialNode.start("b", cable.b())) {
      final Link la = a.up(0);
      final Link lb = b.up(0);

      cable.unplug();
      final LinkFailure gone = a.recorder.awaitFailure(la);
      assertEquals(cable.a(), gone.device());
      assertEquals(Kind.DEVICE_GONE, gone.kind());
      assertTrue(gone.toString().startsWith("medium failed: " + cable.a()), gone::toString);
      assertEquals(Kind.DEVICE_GONE, b.recorder.awaitFailure(lb).kind());
      assertFalse(la.send(SerialNode.wrap(SerialNode.frame("a", 3, "into the void"))));
      assertEquals(1, la.stats().drops(DropReason.SEND_LINK_DOWN));
      // The symlink went with socat: the retries now find no device, and say so once.
      assertEquals(Kind.NO_SUCH_DEVICE, a.recorder.awaitFailure(la).kind());

      cable.plug();
      a.recorder.awaitUp(la);
      b.recorder.awaitUp(lb);
      final byte[] again = SerialNode.frame("a", 3, "back again");
      assertTrue(la.send(SerialNode.wrap(again)));
      assertArrayEquals(again, b.recorder.next().bytes());
    }
  }

  @Test
  void aMissingSerialDeviceIsReportedAndRetried() throws Exception {
    final String path = dir.resolve("ttyNone").toString();
    try (SerialNode a = SerialNode.start("a", path)) {
      final Link la = a.media.links().get(0);
      assertEquals(
          new LinkFailure(path, Kind.NO_SUCH_DEVICE, "no such device"),
          a.recorder.awaitFailure(la));
      assertEquals(LinkState.FAILED, la.state());
      while (la.stats().attempts() < 3) {
        Thread.sleep(20);
      }
      try (Socat cable = Socat.cable(dir, "ttyNone", "ttyOther")) {
        a.recorder.awaitUp(la);
      }
    }
  }

  @Test
  void lineNoiseOversizedAndTruncatedFramesAreDroppedAndCountedAndTheRestArrives()
      throws Exception {
    try (Socat cable = Socat.cable(dir, "ttyA", "ttyB");
        SerialNode a = SerialNode.start(SerialNode.context("a").maxFrameBytes(300), cable.a())) {
      final Link la = a.up(0);
      final SerialPort raw = SerialPort.getCommPort(cable.b());
      assertTrue(raw.openPort(0));
      try {
        final byte[] good1 = SerialNode.frame("b", 3, "first");
        final byte[] good2 = SerialNode.frame("b", 3, "second");
        final byte[] big = SerialNode.frame("b", 3, "x".repeat(400));
        final String stream =
            "\u0000\u00ff line noise \r\n"
                + ascii(good1)
                + ascii(big)
                + ">>>\nt=status\nsrc=b\n"
                + ascii(good2);
        final byte[] bytes = stream.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(bytes.length, raw.writeBytes(bytes, bytes.length, 0));
        assertArrayEquals(good1, a.recorder.next().bytes());
        assertArrayEquals(good2, a.recorder.next().bytes());
        final LinkStats s = la.stats();
        assertEquals(1, s.drops(DropReason.MALFORMED));
        assertEquals(1, s.drops(DropReason.OVERSIZED));
        assertEquals(1, s.drops(DropReason.TRUNCATED));
        assertEquals(2, s.framesIn());
      } finally {
        raw.closePort();
      }
    }
  }

  private static String ascii(final byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
