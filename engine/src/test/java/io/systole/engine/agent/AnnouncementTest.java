package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.state.Scenario;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a node says about itself in its heartbeats, and what its peers make of it. */
class AnnouncementTest {
  private static void hear(final Scenario receiver, final Scenario sender) {
    receiver.then(Announcement.of(sender.state()).changes(receiver.state()).toArray(new Event[0]));
  }

  @Test
  void aStoppingPeerLetsTheNextOwnerStartEachGroupAsSoonAsItIsReleased() {
    final Scenario ha1 = Scenario.on("ha1").twoNodes(Failback.OFF).dead("ha2");
    ha1.settle();
    ha1.startSucceeded("g1").startSucceeded("g2").peer("ha2");
    final Scenario ha2 = Scenario.on("ha2").twoNodes(Failback.OFF).peer("ha1");
    hear(ha2, ha1);
    assertEquals(List.of(), ha2.settle(), "ha1 holds both: failback off");

    ha1.then(new DaemonStopping("SIGTERM"));
    final Announcement leaving = Announcement.of(ha1.state());
    assertTrue(leaving.ready(), "a stopping node does not hold its peers' decisions back");
    assertEquals(List.of("g1", "g2"), leaving.standby());
    hear(ha2, ha1);
    assertEquals(List.of(), ha2.settle(), "still claimed by ha1");

    assertEquals(List.of("stop g2"), ha1.settle());
    ha1.stopSucceeded("g2");
    assertEquals(List.of("release g2", "stop g1"), ha1.settle());
    hear(ha2, ha1);
    assertEquals(List.of("claim g2", "start g2"), ha2.settle(), "at once, not a deadtime later");
  }
}
