package io.systole.media.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.FrameRecorder.Frame;
import io.systole.media.Link;
import io.systole.media.LinkStats;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.ClassicCodec;
import io.systole.media.wire.HeartbeatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeat's serial forwarding between a node's serial ports, over socat cables: a chain A-B-C,
 * where B relays, and a ring A-B-C-A, where only ttl (or coming home) stops a frame.
 */
class SerialForwardingTest {
  @TempDir Path dir;

  @Test
  void aFrameFromAReachesCThroughBWithTtlOneLowerAndSignedAgain() throws Exception {
    try (Socat ab = Socat.cable(dir, "ab-a", "ab-b");
        Socat bc = Socat.cable(dir, "bc-b", "bc-c");
        SerialNode a = SerialNode.start("a", ab.a());
        SerialNode b = SerialNode.start("b", ab.b(), bc.a());
        SerialNode c = SerialNode.start("c", bc.b())) {
      final Link la = a.up(0);
      final Link fromA = b.up(0);
      b.up(1);
      c.up(0);

      final byte[] sent = SerialNode.frame("a", 3, "to c via b");
      assertTrue(la.send(SerialNode.wrap(sent)));
      final Frame atB = b.recorder.next();
      assertEquals(fromA, atB.link());
      assertEquals("3", SerialNode.decode(atB.bytes()).get("ttl"));

      final HeartbeatMessage atC = SerialNode.decode(c.recorder.next().bytes());
      assertEquals("2", atC.get("ttl"));
      assertEquals("a", atC.get("src"));
      assertEquals(SerialNode.decode(sent), atC.with("ttl", "3"), "only ttl changed");
      assertEquals(1, fromA.stats().forwarded());
    }
  }

  @Test
  void framesWithTtlSpentUnauthenticOrFromUsAreDeliveredButNotForwarded() throws Exception {
    try (Socat ab = Socat.cable(dir, "ab-a", "ab-b");
        Socat bc = Socat.cable(dir, "bc-b", "bc-c");
        SerialNode a = SerialNode.start("a", ab.a());
        SerialNode b = SerialNode.start("b", ab.b(), bc.a());
        SerialNode c = SerialNode.start("c", bc.b())) {
      final Link la = a.up(0);
      final Link fromA = b.up(0);
      b.up(1);
      c.up(0);
      final byte[] forged =
          new ClassicCodec(AuthKeys.of(1, Authenticator.sha1(1, "not-the-cluster-key")))
              .encode(HeartbeatMessage.builder().add("src", "a").add("ttl", "3").build());

      assertTrue(la.send(SerialNode.wrap(SerialNode.frame("a", 0, "ttl spent"))));
      assertTrue(la.send(SerialNode.wrap(forged)));
      assertTrue(la.send(SerialNode.wrap(SerialNode.frame("b", 3, "claims to be from b"))));
      assertTrue(la.send(SerialNode.wrap(SerialNode.frame("a", -1, "ttl negative"))));
      for (int i = 0; i < 4; i++) {
        b.recorder.next();
      }
      c.recorder.assertQuiet(300);
      final LinkStats s = fromA.stats();
      assertEquals(4, s.framesIn(), "all four are delivered to B's engine");
      assertEquals(0, s.forwarded());
      assertEquals(2, s.forwardTtlSpent());
      assertEquals(1, s.forwardRejected());
    }
  }

  /** Nodes A, B, C joined by three cables into a ring; link 0 of each faces the next node. */
  private record Ring(SerialNode a, SerialNode b, SerialNode c) {
    /** Nothing more arrives anywhere for 200 ms. */
    void assertAllQuiet() throws InterruptedException {
      Thread.sleep(200);
      for (final SerialNode n : List.of(a, b, c)) {
        n.recorder.assertQuiet(0);
      }
    }
  }

  private void ring(final RingTest test) throws Exception {
    try (Socat ab = Socat.cable(dir, "ab-a", "ab-b");
        Socat bc = Socat.cable(dir, "bc-b", "bc-c");
        Socat ca = Socat.cable(dir, "ca-c", "ca-a");
        SerialNode a = SerialNode.start("a", ab.a(), ca.b());
        SerialNode b = SerialNode.start("b", ab.b(), bc.a());
        SerialNode c = SerialNode.start("c", bc.b(), ca.a())) {
      for (final SerialNode n : List.of(a, b, c)) {
        n.up(0);
        n.up(1);
      }
      test.run(new Ring(a, b, c));
    }
  }

  private interface RingTest {
    void run(Ring ring) throws Exception;
  }

  /** The ttl values of the next {@code count} frames {@code n} receives. */
  private static List<String> ttls(final SerialNode n, final int count) throws Exception {
    final List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(SerialNode.decode(n.recorder.next().bytes()).get("ttl"));
    }
    return out;
  }

  @Test
  void ttlEndsAFrameCirclingARingOfCables() throws Exception {
    ring(
        r -> {
          // From a node outside the ring ("z"), so only its ttl can stop it:
          // A -> B(5) -> C(4) -> A(3) -> B(2) -> C(1) -> A(0), which forwards no more.
          assertTrue(
              r.a().media.links().get(0).send(SerialNode.wrap(SerialNode.frame("z", 5, "loop"))));
          assertEquals(List.of("5", "2"), ttls(r.b(), 2));
          assertEquals(List.of("4", "1"), ttls(r.c(), 2));
          assertEquals(List.of("3", "0"), ttls(r.a(), 2));
          r.assertAllQuiet();
          final LinkStats atA = r.a().media.links().get(1).stats();
          assertEquals(1, atA.forwarded());
          assertEquals(1, atA.forwardTtlSpent());
        });
  }

  @Test
  void aNodesOwnFrameStopsWhenItComesBackAroundTheRing() throws Exception {
    ring(
        r -> {
          assertTrue(
              r.a().media.links().get(0).send(SerialNode.wrap(SerialNode.frame("a", 9, "home"))));
          assertEquals(List.of("9"), ttls(r.b(), 1));
          assertEquals(List.of("8"), ttls(r.c(), 1));
          assertEquals(List.of("7"), ttls(r.a(), 1));
          r.assertAllQuiet();
          final LinkStats atA = r.a().media.links().get(1).stats();
          assertEquals(0, atA.forwarded() + atA.forwardTtlSpent() + atA.forwardRejected());
        });
  }
}
