package io.systole.tools;

import io.systole.engine.agent.Drop;
import io.systole.engine.agent.StatusSnapshot;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.FenceStatus;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.GroupStatus;
import io.systole.engine.state.LinkStatus;
import io.systole.engine.state.NodeState;
import io.systole.engine.state.NodeStatus;
import io.systole.media.DropReason;
import io.systole.media.LinkStats;
import java.util.Map;

/**
 * Renders the published status and the journal's counters as Prometheus metrics: the nodes, links,
 * groups and guards as gauges, failovers, late heartbeats and drops as counters, resource actions
 * as a summary of their durations, and the journal's position. Every family is named {@code
 * systole_*}; the README lists them. Reads immutable snapshots only, so it runs on the metrics
 * thread without touching the cluster logic.
 */
final class MetricsText {
  private static final double MICROS_PER_SECOND = 1_000_000.0;

  private MetricsText() {}

  /** The exposition of {@code s} and {@code counters}. */
  static String render(final StatusSnapshot s, final JournalCounters counters) {
    final Exposition x = new Exposition();
    final ClusterState st = s.state();
    x.family("systole_generation", "gauge", "This daemon's Heartbeat generation.")
        .sample("systole_generation", s.generation());
    x.family("systole_journal_index", "gauge", "Index of the last journal entry (-1: none).")
        .sample("systole_journal_index", s.journalIndex());
    x.family("systole_ready", "gauge", "1 once this node has heard every node or initdead passed.")
        .sample("systole_ready", st.ready());
    x.family("systole_quorum", "gauge", "1 while this node's partition has quorum.")
        .sample("systole_quorum", st.quorate());
    nodes(x, st, counters);
    groups(x, st);
    drops(x, s);
    actions(x, counters);
    return x.toString();
  }

  private static void nodes(final Exposition x, final ClusterState st, final JournalCounters c) {
    x.family("systole_node_up", "gauge", "1 while the node is up, as this node sees it.");
    for (final NodeState n : st.nodes()) {
      x.sample("systole_node_up", n.status() == NodeStatus.UP, "node", n.name());
    }
    x.family("systole_node_status", "gauge", "1 for the node's status as this node sees it.");
    for (final NodeState n : st.nodes()) {
      for (final NodeStatus status : NodeStatus.values()) {
        x.sample(
            "systole_node_status",
            n.status() == status,
            "node",
            n.name(),
            "status",
            ConfigText.lower(status));
      }
    }
    x.family("systole_link_up", "gauge", "1 while the node is heard on the link.");
    for (final NodeState n : st.nodes()) {
      for (final LinkStatus l : n.links()) {
        x.sample("systole_link_up", l.up(), "node", n.name(), "link", l.link());
      }
    }
    x.family("systole_fence_status", "gauge", "1 for the node's fencing status, while it has one.");
    for (final NodeState n : st.nodes()) {
      if (n.fence() != FenceStatus.NONE) {
        for (final FenceStatus f : FenceStatus.values()) {
          if (f != FenceStatus.NONE) {
            x.sample(
                "systole_fence_status",
                n.fence() == f,
                "node",
                n.name(),
                "status",
                ConfigText.lower(f));
          }
        }
      }
    }
    x.family("systole_late_heartbeats_total", "counter", "Late heartbeats of the peer (NodeWarn).");
    for (final NodeState n : st.nodes()) {
      if (!n.name().equals(st.self())) {
        x.sample("systole_late_heartbeats_total", c.lateHeartbeats(n.name()), "node", n.name());
      }
    }
  }

  private static void groups(final Exposition x, final ClusterState st) {
    x.family("systole_group_running", "gauge", "1 while the group runs on this node.");
    for (final GroupState g : st.groups()) {
      x.sample("systole_group_running", g.local() == GroupStatus.RUNNING, "group", g.name());
    }
    x.family("systole_group_status", "gauge", "1 for the group's status on this node.");
    for (final GroupState g : st.groups()) {
      for (final GroupStatus status : GroupStatus.values()) {
        x.sample(
            "systole_group_status",
            g.local() == status,
            "group",
            g.name(),
            "status",
            ConfigText.lower(status));
      }
    }
    x.family("systole_group_owner", "gauge", "1 for each node that claims the group.");
    for (final GroupState g : st.groups()) {
      for (final String node : g.claimedBy()) {
        x.sample("systole_group_owner", 1L, "group", g.name(), "node", node);
      }
    }
  }

  private static void drops(final Exposition x, final StatusSnapshot s) {
    x.family("systole_dropped_messages_total", "counter", "Messages dropped after the transports.");
    for (final Drop d : Drop.values()) {
      x.sample(
          "systole_dropped_messages_total",
          s.drops().getOrDefault(d, 0L),
          "reason",
          ConfigText.lower(d));
    }
    x.family("systole_lost_messages_total", "counter", "Messages of the peer never received.");
    for (final Map.Entry<String, Long> l : s.lost().entrySet()) {
      x.sample("systole_lost_messages_total", l.getValue(), "node", l.getKey());
    }
    x.family("systole_medium_frames_in_total", "counter", "Frames the medium received.");
    for (final LinkStats m : s.media()) {
      x.sample("systole_medium_frames_in_total", m.framesIn(), "medium", m.name());
    }
    x.family("systole_medium_frames_out_total", "counter", "Frames the medium sent.");
    for (final LinkStats m : s.media()) {
      x.sample("systole_medium_frames_out_total", m.framesOut(), "medium", m.name());
    }
    x.family("systole_medium_dropped_frames_total", "counter", "Frames the medium dropped.");
    for (final LinkStats m : s.media()) {
      for (final Map.Entry<DropReason, Long> d : m.dropsByReason().entrySet()) {
        x.sample(
            "systole_medium_dropped_frames_total",
            d.getValue(),
            "medium",
            m.name(),
            "reason",
            ConfigText.lower(d.getKey()));
      }
    }
  }

  private static void actions(final Exposition x, final JournalCounters c) {
    x.family(
            "systole_failovers_total",
            "counter",
            "Group starts on this node for a failover or a takeover.")
        .sample("systole_failovers_total", c.failovers());
    final Map<JournalCounters.Action, JournalCounters.Totals> actions = c.actions();
    x.family(
        "systole_action_duration_seconds",
        "summary",
        "Resource starts and stops here, from the request to the outcome.");
    for (final Map.Entry<JournalCounters.Action, JournalCounters.Totals> e : actions.entrySet()) {
      final String[] labels = labels(e.getKey());
      x.sample(
          "systole_action_duration_seconds_sum",
          e.getValue().sumMicros() / MICROS_PER_SECOND,
          labels);
      x.sample("systole_action_duration_seconds_count", e.getValue().count(), labels);
    }
    x.family("systole_action_failures_total", "counter", "Resource starts and stops that failed.");
    for (final Map.Entry<JournalCounters.Action, JournalCounters.Totals> e : actions.entrySet()) {
      x.sample("systole_action_failures_total", e.getValue().failed(), labels(e.getKey()));
    }
  }

  private static String[] labels(final JournalCounters.Action a) {
    return new String[] {"group", a.group(), "resource", a.resource(), "action", a.action()};
  }
}
