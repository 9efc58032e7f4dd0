package io.systole.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.LayoutEvents;
import io.systole.engine.state.Scenario;
import io.systole.engine.state.Seeds;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.Phase;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random clusters in which every live node heard every other, with random claims and admin marks;
 * each live node's view is built from what it would have journaled. Properties: every node computes
 * the same owner for every group; the owner is live and the group did not fail there; and at most
 * one node starts a group, never one that another node claims.
 */
class PlacementPropertyTest {
  /** One random cluster: the truth every view is built from. */
  private record Cluster(
      ConfigLoaded config,
      List<String> live,
      Map<String, Set<String>> failed,
      Map<String, Scope> standby,
      Map<String, Scope> takeover,
      Map<String, Set<String>> claims) {}

  @Test
  void sameMembershipGivesSameOwnerOnEveryNode() {
    Seeds.check(
        0x0A11_0000L,
        1500,
        seed -> {
          final Cluster c = cluster(new SplittableRandom(seed));
          final Map<String, ClusterState> views = new HashMap<>();
          for (final String node : c.live()) {
            views.put(node, view(c, node));
          }
          for (final ConfigLoaded.Group spec : c.config().groups()) {
            check(c, views, spec.name());
          }
        });
  }

  private static void check(
      final Cluster c, final Map<String, ClusterState> views, final String group) {
    final ClusterState first = views.get(c.live().get(0));
    final String owner = Placement.owner(first, first.group(group));
    final List<String> starters = new ArrayList<>();
    for (final String node : c.live()) {
      final ClusterState v = views.get(node);
      assertTrue(v.settled(), node + " not settled");
      assertEquals(
          owner, Placement.owner(v, v.group(group)), () -> group + " on " + node + ", " + c);
      for (final Action a : Policy.decide(v)) {
        if (a instanceof Action.StartGroup st && st.group().equals(group)) {
          starters.add(node);
        }
      }
    }
    if (owner != null) {
      assertTrue(c.live().contains(owner), () -> "owner " + owner + " dead, " + c);
      assertFalse(c.failed().get(owner).contains(group), () -> group + " failed on owner " + c);
    }
    assertTrue(starters.size() <= 1, () -> group + " started by " + starters + ", " + c);
    if (!starters.isEmpty()) {
      assertEquals(owner, starters.get(0), () -> group + ", " + c);
      for (final Set<String> held : c.claims().values()) {
        assertFalse(held.contains(group), () -> group + " started while claimed, " + c);
      }
    }
  }

  private static Cluster cluster(final SplittableRandom r) {
    final List<String> nodes = new ArrayList<>(LayoutEvents.NODES.subList(0, 2 + r.nextInt(2)));
    if (r.nextBoolean()) {
      nodes.add(0, nodes.remove(nodes.size() - 1));
    }
    final List<ConfigLoaded.Group> groups = new ArrayList<>();
    for (final String g : LayoutEvents.GROUPS) {
      groups.add(
          new ConfigLoaded.Group(g, nodes.get(r.nextInt(nodes.size())), List.of(g, g + "-fs")));
    }
    final Failback failback = Failback.values()[r.nextInt(Failback.values().length)];
    final String agent = r.nextBoolean() ? "" : Scenario.AGENT;
    final ConfigLoaded config =
        new ConfigLoaded("/etc/ha.d", "cafe", nodes, groups, failback, agent);
    final List<String> live = new ArrayList<>();
    for (final String n : nodes) {
      if (r.nextInt(4) > 0) {
        live.add(n);
      }
    }
    if (live.isEmpty()) {
      live.add(nodes.get(r.nextInt(nodes.size())));
    }
    final Map<String, Set<String>> failed = new HashMap<>();
    final Map<String, Scope> standby = new HashMap<>();
    final Map<String, Scope> takeover = new HashMap<>();
    final Map<String, Set<String>> claims = new HashMap<>();
    for (final String n : nodes) {
      failed.put(n, new HashSet<>());
      claims.put(n, new HashSet<>());
    }
    for (final String n : live) {
      standby.put(n, r.nextInt(4) == 0 ? scope(r) : null);
      takeover.put(n, r.nextInt(6) == 0 ? scope(r) : null);
      for (final String g : LayoutEvents.GROUPS) {
        if (r.nextInt(6) == 0) {
          failed.get(n).add(g);
        } else if (r.nextInt(4) == 0) {
          claims.get(n).add(g);
        }
      }
    }
    return new Cluster(config, live, failed, standby, takeover, claims);
  }

  private static Scope scope(final SplittableRandom r) {
    return Scope.values()[r.nextInt(Scope.values().length)];
  }

  /** The groups {@code scope} covers for {@code node}, as hb_standby and hb_takeover mean it. */
  private static List<String> covered(final Cluster c, final String node, final Scope scope) {
    final List<String> out = new ArrayList<>();
    if (scope == null) {
      return out;
    }
    for (final ConfigLoaded.Group g : c.config().groups()) {
      final boolean local = g.preferredNode().equals(node);
      if (scope == Scope.ALL || (scope == Scope.LOCAL) == local) {
        out.add(g.name());
      }
    }
    return out;
  }

  /** Node {@code self}'s state, from what it journaled about itself and heard from the others. */
  private static ClusterState view(final Cluster c, final String self) {
    final Scenario s = Scenario.on(self).started(c.config());
    for (final String n : c.config().nodes()) {
      if (n.equals(self)) {
        continue;
      }
      if (!c.live().contains(n)) {
        s.dead(n);
        continue;
      }
      final List<String> takeover = covered(c, n, c.takeover().get(n));
      final List<String> standby = new ArrayList<>(covered(c, n, c.standby().get(n)));
      standby.removeAll(takeover); // a takeover after the standby cancels it for those groups
      s.up(n).status(n, List.copyOf(c.failed().get(n)), standby, takeover);
    }
    for (final String g : c.failed().get(self)) {
      s.then(new GroupStart(g, Phase.REQUESTED, "test"), new GroupStart(g, Phase.FAILED, "exit 1"));
    }
    if (c.standby().get(self) != null) {
      s.then(new AdminStandby(self, c.standby().get(self), "hb_standby"));
    }
    if (c.takeover().get(self) != null) {
      s.then(new AdminTakeover(self, c.takeover().get(self), "hb_takeover"));
    }
    for (final String n : c.live()) {
      for (final String g : c.claims().get(n)) {
        if (n.equals(self)) {
          s.running(g);
        } else {
          s.claims(n, g);
        }
      }
    }
    final ClusterState v = s.state();
    for (final GroupState g : v.groups()) {
      assertTrue(g.configured());
    }
    return v;
  }
}
