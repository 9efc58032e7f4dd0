package io.systole.engine.heartbeat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.agent.Announcement;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Scenario;
import io.systole.engine.state.Seeds;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.Phase;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever a Heartbeat peer sends, in any order (messages overtake each other, a peer restarts, a
 * partition heals), and whatever happens here meanwhile, the translation holds: it never fails, the
 * Heartbeat node's announcement names only configured groups, every message this node sends
 * encodes, and this node closes only the standby exchanges it opened ({@code done} as giver only
 * after its {@code me}, as taker only after it answered {@code other}).
 */
class HeartbeatPeersPropertyTest {
  private static final ResourceSet[] SETS = ResourceSet.values();
  private static final String[] INFOS = {"", "me", "other", "done", "standby", "shutdown"};

  @Test
  void anySequenceOfMessagesAndLocalEventsKeepsTheExchangeWellFormed() {
    Seeds.check(1, 500, HeartbeatPeersPropertyTest::run);
  }

  private static void run(final long seed) {
    final Random r = new Random(seed);
    final Scenario ha1 =
        Scenario.on("ha1").twoNodes(r.nextBoolean() ? Failback.ON : Failback.OFF).up("ha2");
    final HeartbeatPeers peers = new HeartbeatPeers("ha1", List.of("ha1", "ha2"));
    long generation = 7;
    boolean askedMe = false;
    boolean answeredOther = false;
    for (int step = 0; step < 60; step++) {
      final ClusterState before = ha1.state();
      final int kind = r.nextInt(10);
      final List<Event> local = new ArrayList<>();
      if (kind < 5) {
        final ResourceMessage m = message(r);
        final List<ResourceMessage> replies =
            peers.receive(1, generation, ha1.nextTime(), m, ha1.state());
        for (final ResourceMessage reply : replies) {
          answeredOther |= "other".equals(reply.info());
          reply.encode("ha1", step, 1, 3, 1);
        }
        local.addAll(peers.requests());
      } else if (kind == 5) {
        generation += r.nextInt(2); // a status, sometimes of a restarted Heartbeat
        local.add(new NodeUp("ha2", "eth0"));
      } else if (kind == 6) {
        ha1.dead("ha2");
      } else {
        local.add(localEvent(r));
      }
      ha1.then(local.toArray(new Event[0]));
      final Announcement a = peers.status(1, generation, ha1.nextTime(), ha1.state());
      for (final String g : a.claims()) {
        assertTrue(ha1.state().group(g) != null, "seed " + seed + ": unknown group " + g);
      }
      ha1.then(a.changes(ha1.state()).toArray(new Event[0]));
      ha1.settle();
      for (final ResourceMessage m :
          peers.afterRound(before, ha1.state(), ha1.nextTime() + r.nextInt(8_000_000))) {
        m.encode("ha1", step, 1, 3, 1);
        if (m.type() == ResourceMessage.Type.ASK_RESOURCES) {
          if ("me".equals(m.info())) {
            askedMe = true;
          } else if ("done".equals(m.info())) {
            assertTrue(
                askedMe || answeredOther,
                "seed " + seed + ": done without an exchange open: " + ha1.events());
          }
        }
      }
    }
  }

  private static ResourceMessage message(final Random r) {
    final ResourceMessage.Type type =
        ResourceMessage.Type.values()[r.nextInt(ResourceMessage.Type.values().length)];
    return new ResourceMessage(
        type,
        r.nextInt(5) == 0 ? null : SETS[r.nextInt(SETS.length)],
        r.nextBoolean(),
        r.nextBoolean(),
        INFOS[r.nextInt(INFOS.length)],
        r.nextBoolean() ? "ha1" : "ha2",
        "n_stnth");
  }

  private static Event localEvent(final Random r) {
    final String g = r.nextBoolean() ? "g1" : "g2";
    return switch (r.nextInt(6)) {
      case 0 -> new GroupStart(g, Phase.SUCCEEDED, "ok");
      case 1 -> new GroupStop(g, Phase.SUCCEEDED, "ok");
      case 2 -> new AdminStandby("ha1", Scope.values()[r.nextInt(3)], "test");
      case 3 -> new AdminTakeover("ha1", Scope.values()[r.nextInt(3)], "test");
      case 4 -> new GroupStart(g, Phase.FAILED, "exit 1");
      default -> r.nextInt(20) == 0 ? new DaemonStopping("SIGTERM") : new NodeUp("ha2", "eth0");
    };
  }
}
