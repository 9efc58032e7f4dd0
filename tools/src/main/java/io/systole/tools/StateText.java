package io.systole.tools;

import static io.systole.tools.StateDiff.lower;
import static io.systole.tools.StateDiff.nodeList;
import static io.systole.tools.StateDiff.yesNo;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.LinkStatus;
import io.systole.engine.state.NodeState;
import io.systole.journal.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a node's whole {@link ClusterState} after one entry, for {@code journal replay --at}: a
 * line for the daemon and configuration, one per node (status, readiness, fencing, links) and one
 * per group (status here, claims, marks); or one JSON object on one line (fields in tools/JSON.md).
 * Values are worded as {@link StateDiff} words them, so a state and the changes leading to it read
 * alike.
 */
final class StateText {
  private final TimeText time;

  /** Prints times with {@code time}. */
  StateText(final TimeText time) {
    this.time = time;
  }

  /** The state after {@code entry}, in words. */
  List<String> lines(final Entry entry, final ClusterState s) {
    final List<String> lines = new ArrayList<>();
    lines.add(
        "state of "
            + EventText.quote(s.self())
            + " after entry "
            + entry.index()
            + " at "
            + time.instant(entry.timeMicros()));
    lines.add(
        "daemon "
            + lower(s.daemon())
            + ", ready "
            + yesNo(s.ready())
            + ", config "
            + (s.layout().sha256().isEmpty() ? "none" : s.layout().sha256())
            + ", auto_failback "
            + lower(s.layout().failback())
            + ", fencing "
            + (s.layout().fencing() ? EventText.quote(s.layout().fenceAgent()) : "none"));
    for (final NodeState n : s.nodes()) {
      lines.add(node(s, n, entry.timeMicros()));
    }
    for (final GroupState g : s.groups()) {
      lines.add(
          "group "
              + EventText.quote(g.name())
              + " here "
              + lower(g.local())
              + " since "
              + time.near(g.sinceMicros(), entry.timeMicros())
              + ", preferred "
              + EventText.quote(g.preferredNode())
              + ", claimedBy "
              + nodeList(g.claimedBy())
              + ", failedOn "
              + nodeList(g.failedOn())
              + ", standbyOn "
              + nodeList(g.standbyOn())
              + ", takeoverOn "
              + nodeList(g.takeoverOn())
              + ", recovery "
              + lower(g.recovery()));
    }
    return lines;
  }

  private String node(final ClusterState s, final NodeState n, final long atMicros) {
    final boolean self = n.name().equals(s.self());
    final StringBuilder line =
        new StringBuilder("node ")
            .append(EventText.quote(n.name()))
            .append(self ? " (this node)" : "")
            .append(' ')
            .append(lower(n.status()))
            .append(" since ")
            .append(time.near(n.sinceMicros(), atMicros))
            .append(", ready ")
            .append(yesNo(self ? s.ready() : n.ready()))
            .append(", fence ")
            .append(lower(n.fence()))
            .append(", links");
    if (n.links().isEmpty()) {
      line.append(" none");
    }
    for (final LinkStatus l : n.links()) {
      line.append(' ').append(EventText.quote(l.link())).append(l.up() ? " up" : " down");
    }
    return line.toString();
  }

  /** The state after {@code entry} as one JSON object, on one line. */
  String json(final Entry entry, final ClusterState s, final ReplayText entries) {
    final JsonWriter json = new JsonWriter().beginObject().field("type", "state");
    entries.entryFields(json, entry);
    json.field("daemon", lower(s.daemon()))
        .field("ready", s.ready())
        .field("sha256", s.layout().sha256())
        .field("failback", lower(s.layout().failback()))
        .field("fenceAgent", s.layout().fenceAgent())
        .name("nodes")
        .beginArray();
    for (final NodeState n : s.nodes()) {
      json.beginObject()
          .field("name", n.name())
          .field("self", n.name().equals(s.self()))
          .field("status", lower(n.status()))
          .field("sinceMicros", n.sinceMicros())
          .field("ready", n.name().equals(s.self()) ? s.ready() : n.ready())
          .field("fence", lower(n.fence()))
          .name("links")
          .beginArray();
      for (final LinkStatus l : n.links()) {
        json.beginObject().field("link", l.link()).field("up", l.up()).endObject();
      }
      json.endArray().endObject();
    }
    json.endArray().name("groups").beginArray();
    for (final GroupState g : s.groups()) {
      json.beginObject()
          .field("name", g.name())
          .field("preferred", g.preferredNode())
          .field("here", lower(g.local()))
          .field("sinceMicros", g.sinceMicros())
          .field("claimedBy", g.claimedBy())
          .field("failedOn", g.failedOn())
          .field("standbyOn", g.standbyOn())
          .field("takeoverOn", g.takeoverOn())
          .field("recovery", lower(g.recovery()))
          .endObject();
    }
    return JsonLines.line(json.endArray().endObject());
  }
}
