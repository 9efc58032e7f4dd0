package io.systole.tools;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.LinkStatus;
import io.systole.engine.state.NodeState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What one journal entry changed in a node's {@link ClusterState}, as a short list of {@link
 * Change}s for replay to print under the entry: this node's daemon and readiness, the configuration
 * in force, each node's status, readiness, fencing and links, and each group's status here, claims,
 * marks (failed, standby, takeover on) and recovery. Resource states, late warnings and the times
 * things changed are left out on purpose: the entry line already says them, and a diff that repeats
 * the event is noise.
 */
final class StateDiff {
  private StateDiff() {}

  /**
   * One changed value. {@code before} or {@code after} is null when the node, group or link is not
   * in the state on that side (added or dropped by a configuration, or a link first heard).
   *
   * @param kind {@code node}, {@code link}, {@code group} or {@code config}
   * @param name the node or group (for a link, the node it carries); null for {@code config}
   * @param field what changed: {@code daemon}, {@code ready}, {@code status}, {@code fence}, {@code
   *     here}, {@code claimedBy}, {@code failedOn}, {@code standbyOn}, {@code takeoverOn}, {@code
   *     recovery}, {@code sha256}; for a link, the medium as ha.cf names it
   */
  record Change(String kind, String name, String field, String before, String after) {
    /** In words: {@code node ha2 status up -> dead}, {@code link ha2 "bcast eth1" up -> down}. */
    String text() {
      return kind
          + (name == null ? "" : " " + EventText.quote(name))
          + " "
          + EventText.quote(field)
          + " "
          + word(before)
          + " -> "
          + word(after);
    }

    private static String word(final String value) {
      return value == null ? "-" : EventText.quote(value);
    }
  }

  /**
   * The changes from {@code before} to {@code after}: this node's daemon, the configuration, the
   * nodes in node-line order, this node's readiness, then the groups in haresources order.
   */
  static List<Change> between(final ClusterState before, final ClusterState after) {
    final List<Change> changes = new ArrayList<>();
    final String self = after.self();
    add(changes, "node", self, "daemon", lower(before.daemon()), lower(after.daemon()));
    add(changes, "config", null, "sha256", sha256(before), sha256(after));
    for (final String name : names(before.nodes(), after.nodes(), NodeState::name)) {
      nodes(changes, self, before.node(name), after.node(name), name);
    }
    // After the nodes: this node's readiness follows from theirs.
    add(changes, "node", self, "ready", yesNo(before.ready()), yesNo(after.ready()));
    for (final String name : names(before.groups(), after.groups(), GroupState::name)) {
      groups(changes, before.group(name), after.group(name), name);
    }
    return List.copyOf(changes);
  }

  private static void nodes(
      final List<Change> changes,
      final String self,
      final NodeState before,
      final NodeState after,
      final String name) {
    if (before == null || after == null) {
      // Added or dropped by a configuration: its status says so; the rest is new or gone.
      add(changes, "node", name, "status", node(before), node(after));
      return;
    }
    final Compare<NodeState> node = new Compare<>(changes, "node", name, before, after);
    node.field("status", NodeState::status);
    if (!name.equals(self)) {
      // This node's own entry is never ready: its readiness is derived, and compared after.
      node.field("ready", n -> yesNo(n.ready()));
    }
    node.field("fence", NodeState::fence);
    for (final String link : names(before.links(), after.links(), LinkStatus::link)) {
      add(changes, "link", name, link, link(before, link), link(after, link));
    }
  }

  private static void groups(
      final List<Change> changes,
      final GroupState before,
      final GroupState after,
      final String name) {
    if (before == null || after == null) {
      add(changes, "group", name, "here", group(before), group(after));
      return;
    }
    final Compare<GroupState> group = new Compare<>(changes, "group", name, before, after);
    group.field("here", GroupState::local);
    group.field("claimedBy", g -> nodeList(g.claimedBy()));
    group.field("failedOn", g -> nodeList(g.failedOn()));
    group.field("standbyOn", g -> nodeList(g.standbyOn()));
    group.field("takeoverOn", g -> nodeList(g.takeoverOn()));
    group.field("recovery", GroupState::recovery);
  }

  /** Compares one field after another of a node or group that is on both sides. */
  private record Compare<T>(List<Change> changes, String kind, String name, T before, T after) {
    void field(final String field, final Function<T, Object> value) {
      add(changes, kind, name, field, lower(value.apply(before)), lower(value.apply(after)));
    }
  }

  private static void add(
      final List<Change> changes,
      final String kind,
      final String name,
      final String field,
      final String before,
      final String after) {
    if (!Objects.equals(before, after)) {
      changes.add(new Change(kind, name, field, before, after));
    }
  }

  /** The names on either side: those after in their order, then those dropped. */
  private static <T> Set<String> names(
      final List<T> before, final List<T> after, final Function<T, String> name) {
    final Set<String> names = new LinkedHashSet<>();
    after.forEach(t -> names.add(name.apply(t)));
    before.forEach(t -> names.add(name.apply(t)));
    return names;
  }

  /** The configuration's hash, or null before any configuration is loaded. */
  private static String sha256(final ClusterState s) {
    return s.layout().sha256().isEmpty() ? null : s.layout().sha256();
  }

  private static String node(final NodeState n) {
    return n == null ? null : lower(n.status());
  }

  private static String group(final GroupState g) {
    return g == null ? null : lower(g.local());
  }

  private static String link(final NodeState n, final String link) {
    final LinkStatus l = n == null ? null : n.link(link);
    return l == null ? null : l.up() ? "up" : "down";
  }

  /** Node names separated by spaces, or {@code none}. */
  static String nodeList(final List<String> nodes) {
    return nodes.isEmpty() ? "none" : String.join(" ", nodes);
  }

  /** A boolean as the tools say it. */
  static String yesNo(final boolean value) {
    return value ? "yes" : "no";
  }

  /** An enum constant in lower case, as the dump prints enums; other values as they are. */
  static String lower(final Object value) {
    return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
  }
}
