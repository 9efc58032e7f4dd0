package io.systole.engine.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Scenario;
import io.systole.journal.event.Failback;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heartbeat's rsc_hold sets, relative to a node, over the groups of haresources. */
class ResourceSetTest {
  /** Two nodes, one group (g1) preferred by ha1: ha2's own set is empty. */
  private static ClusterState oneGroup() {
    return Scenario.on("ha2").started(Scenario.oneGroup("g1", "ha1")).state();
  }

  @Test
  void eachSetNamesItsGroupsRelativeToTheNode() {
    final ClusterState s = Scenario.on("ha1").twoNodes(Failback.ON).state();
    assertEquals(List.of("g1"), ResourceSet.LOCAL.groups(s, "ha1"));
    assertEquals(List.of("g2"), ResourceSet.LOCAL.groups(s, "ha2"));
    assertEquals(List.of("g2"), ResourceSet.FOREIGN.groups(s, "ha1"));
    assertEquals(List.of("g1", "g2"), ResourceSet.ALL.groups(s, "ha2"));
    assertEquals(List.of(), ResourceSet.NONE.groups(s, "ha2"));
    assertEquals(ResourceSet.FOREIGN, ResourceSet.spelling(s, "ha1", List.of("g2")));
    assertEquals(ResourceSet.ALL, ResourceSet.spelling(s, "ha2", List.of("g2", "g1")));
    assertEquals(ResourceSet.LOCAL, ResourceSet.FOREIGN.mirrored());
    assertEquals(ResourceSet.ALL, ResourceSet.ALL.mirrored());
  }

  @Test
  void aNodeNoGroupPrefersHasAnEmptySetOfItsOwn() {
    final ClusterState s = oneGroup();
    assertEquals(false, ResourceSet.prefers(s, "ha2"));
    assertEquals(true, ResourceSet.prefers(s, "ha1"));
    assertEquals(ResourceSet.FOREIGN, ResourceSet.spelling(s, "ha2", List.of("g1")));
    assertEquals(List.of(), ResourceSet.LOCAL.groups(s, "ha2"));
  }
}
