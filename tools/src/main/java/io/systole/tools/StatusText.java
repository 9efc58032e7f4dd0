package io.systole.tools;

import io.systole.engine.agent.Drop;
import io.systole.engine.agent.StatusSnapshot;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.FenceStatus;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.LinkStatus;
import io.systole.engine.state.NodeState;
import io.systole.engine.state.NodeStatus;
import io.systole.journal.Entry;
import io.systole.media.DropReason;
import io.systole.media.LinkStats;
import java.util.Locale;
import java.util.Map;

/**
 * Renders what {@code systole status} shows, as text for an operator or as one JSON document: this
 * node, every node with its status and each link's, the resource groups, each medium's own state
 * and counters, the dropped-message counters, the journal's position and the last transitions.
 * Rendered by the daemon, so the client only prints it.
 */
final class StatusText {
  private final TimeText time;

  StatusText(final TimeText time) {
    this.time = time;
  }

  String text(final StatusSnapshot s) {
    final ClusterState st = s.state();
    final StringBuilder b = new StringBuilder();
    b.append("node ")
        .append(st.self())
        .append(": daemon ")
        .append(lower(st.daemon()))
        .append(", ")
        .append(st.ready() ? "ready" : "starting (waiting to hear every node)")
        .append(", generation ")
        .append(s.generation())
        .append(", journal at entry ")
        .append(s.journalIndex())
        .append('\n');
    guards(st, b);
    b.append("\nnodes:\n");
    for (final NodeState n : st.nodes()) {
      b.append(
          String.format(
              "  %-16s %-8s since %s", n.name(), lower(n.status()), time.instant(n.sinceMicros())));
      if (!n.name().equals(st.self())) {
        b.append(s.heartbeat().contains(n.name()) ? ", runs Heartbeat 3.0.6" : "")
            .append(n.ready() ? ", ready" : "")
            .append(n.status() == NodeStatus.UP && !n.hearsSelf() ? ", does not hear us" : "")
            .append(n.leaving() ? ", leaving" : "")
            .append(n.lateWarnings() > 0 ? ", " + n.lateWarnings() + " late heartbeat(s)" : "");
        if (n.fence() != FenceStatus.NONE) {
          b.append(", fencing ").append(lower(n.fence()));
          if (!n.fenceDetail().isEmpty()) {
            b.append(": ").append(EventText.escape(n.fenceDetail()));
          }
        }
        final Long lost = s.lost().get(n.name());
        if (lost != null && lost > 0) {
          b.append(", ").append(lost).append(" message(s) lost");
        }
      }
      b.append('\n');
      for (final LinkStatus l : n.links()) {
        b.append(
            String.format(
                "    link %-12s %-4s since %s%n",
                l.link(), l.up() ? "up" : "dead", time.instant(l.sinceMicros())));
      }
    }
    if (!st.groups().isEmpty()) {
      b.append("\ngroups:\n");
      for (final GroupState g : st.groups()) {
        b.append(
            String.format(
                "  %-24s preferred %-10s here %-9s held by %s%n",
                g.name(),
                g.preferredNode(),
                lower(g.local()),
                g.claimedBy().isEmpty() ? "nobody" : String.join(" ", g.claimedBy())));
        if (!g.detail().isEmpty()) {
          b.append("    why: ").append(EventText.escape(g.detail())).append('\n');
        }
        for (final io.systole.engine.state.ResourceState r : g.resources()) {
          b.append(String.format("    %-30s %s", r.resource(), lower(r.status())));
          if (!r.detail().isEmpty()) {
            b.append(' ').append(EventText.escape(r.detail()));
          }
          b.append('\n');
        }
      }
    }
    b.append("\nmedia:\n");
    for (final LinkStats m : s.media()) {
      b.append(
          String.format(
              "  %-28s %-7s in %d, out %d, dropped %d%n",
              m.name(), lower(m.state()), m.framesIn(), m.framesOut(), m.totalDrops()));
    }
    b.append("\ndropped messages: ");
    if (s.drops().isEmpty()) {
      b.append("none\n");
    } else {
      b.append('\n');
      for (final Map.Entry<Drop, Long> d : s.drops().entrySet()) {
        b.append(String.format("  %-24s %d%n", lower(d.getKey()), d.getValue()));
      }
    }
    b.append("\nlast transitions:\n");
    final EventText events = new EventText(time);
    for (final Entry e : s.recent()) {
      b.append("  ").append(events.entry(e)).append('\n');
    }
    return b.toString();
  }

  /** Quorum, the ping groups reached and the quorum file, when configured. */
  private static void guards(final ClusterState st, final StringBuilder b) {
    if (st.layout().quorum()) {
      b.append(st.quorate() ? "quorum: held" : "quorum: LOST (groups stopped here)").append('\n');
    }
    final java.util.List<String> groups = st.layout().guards().pingGroups();
    if (!groups.isEmpty()) {
      final java.util.List<String> reached =
          st.pingsHere().stream().filter(groups::contains).toList();
      b.append("ping groups reached: ")
          .append(reached.isEmpty() ? "none" : String.join(" ", reached))
          .append(" (of ")
          .append(String.join(" ", groups))
          .append(")\n");
    }
    final String tiebreaker = st.layout().guards().tiebreaker();
    if (tiebreaker.startsWith("/")) {
      b.append("quorum file ")
          .append(tiebreaker)
          .append(st.pingsHere().contains(tiebreaker) ? ": locked by this node" : ": not held here")
          .append('\n');
    }
  }

  String json(final StatusSnapshot s) {
    final ClusterState st = s.state();
    final JsonWriter j = new JsonWriter().beginObject();
    j.field("node", st.self())
        .field("daemon", lower(st.daemon()))
        .field("ready", st.ready())
        .field("generation", s.generation())
        .field("journal_index", s.journalIndex())
        .field("quorum", st.quorate());
    j.name("nodes").beginArray();
    for (final NodeState n : st.nodes()) {
      j.beginObject()
          .field("name", n.name())
          .field("status", lower(n.status()))
          .field("since", time.instant(n.sinceMicros()))
          .field("ready", n.ready())
          .field("late_heartbeats", n.lateWarnings())
          .field("hears_us", n.hearsSelf())
          .field("leaving", n.leaving())
          .field("heartbeat", s.heartbeat().contains(n.name()))
          .field("fence", lower(n.fence()))
          .field("fence_detail", n.fenceDetail())
          .field("pings", n.pings())
          .field("lost_messages", s.lost().getOrDefault(n.name(), 0L));
      j.name("links").beginArray();
      for (final LinkStatus l : n.links()) {
        j.beginObject()
            .field("link", l.link())
            .field("up", l.up())
            .field("since", time.instant(l.sinceMicros()))
            .endObject();
      }
      j.endArray().endObject();
    }
    j.endArray().name("groups").beginArray();
    for (final GroupState g : st.groups()) {
      j.beginObject()
          .field("name", g.name())
          .field("preferred", g.preferredNode())
          .field("here", lower(g.local()))
          .field("held_by", g.claimedBy())
          .field("why", g.detail())
          .name("resources")
          .beginArray();
      for (final io.systole.engine.state.ResourceState r : g.resources()) {
        j.beginObject()
            .field("name", r.resource())
            .field("status", lower(r.status()))
            .field("detail", r.detail())
            .endObject();
      }
      j.endArray().endObject();
    }
    j.endArray().name("media").beginArray();
    for (final LinkStats m : s.media()) {
      j.beginObject()
          .field("name", m.name())
          .field("state", lower(m.state()))
          .field("frames_in", m.framesIn())
          .field("frames_out", m.framesOut());
      j.name("drops").beginObject();
      for (final Map.Entry<DropReason, Long> d : m.dropsByReason().entrySet()) {
        j.field(lower(d.getKey()), d.getValue());
      }
      j.endObject().endObject();
    }
    j.endArray().name("drops").beginObject();
    for (final Drop d : Drop.values()) {
      j.field(lower(d), s.drops().getOrDefault(d, 0L));
    }
    j.endObject().name("recent").beginArray();
    final EventText events = new EventText(time);
    for (final Entry e : s.recent()) {
      j.value(events.entry(e));
    }
    return j.endArray().endObject().toString();
  }

  private static String lower(final Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
