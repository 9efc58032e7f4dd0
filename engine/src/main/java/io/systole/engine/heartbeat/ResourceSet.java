package io.systole.engine.heartbeat;

import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heartbeat 3.0.6's {@code rsc_hold} in haresources mode: which of the resource groups a message is
 * about, always relative to one node (the sender of a {@code resource} report, the requester of an
 * {@code ask_resources} or {@code hb_takeover}). {@code local} are the groups whose haresources
 * line names that node, {@code foreign} the others, {@code all} both. Heartbeat moves whole sets,
 * never one group of several, so a set Systole holds in part is spelled by the sets it touches.
 */
public enum ResourceSet {
  NONE,
  LOCAL,
  FOREIGN,
  ALL;

  /** The value on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The set a wire value names, or null for anything else. */
  public static ResourceSet of(final String wire) {
    return switch (wire) {
      case "none" -> NONE;
      case "local" -> LOCAL;
      case "foreign" -> FOREIGN;
      case "all" -> ALL;
      default -> null;
    };
  }

  /** Whether the set holds the groups {@code node} prefers. */
  boolean local() {
    return this == LOCAL || this == ALL;
  }

  /** Whether the set holds the groups other nodes prefer. */
  public boolean foreign() {
    return this == FOREIGN || this == ALL;
  }

  /** This set and {@code other} together. */
  ResourceSet with(final ResourceSet other) {
    return of(local() || other.local(), foreign() || other.foreign());
  }

  private static ResourceSet of(final boolean local, final boolean foreign) {
    return local ? (foreign ? ALL : LOCAL) : (foreign ? FOREIGN : NONE);
  }

  /** The groups of {@code s} this set names, relative to {@code node}, in haresources order. */
  public List<String> groups(final ClusterState s, final String node) {
    final List<String> out = new ArrayList<>();
    for (final GroupState g : s.groups()) {
      if (g.configured() && (g.preferredNode().equals(node) ? local() : foreign())) {
        out.add(g.name());
      }
    }
    return out;
  }

  /** Whether some group of {@code s} prefers {@code node}: its own set is not empty. */
  public static boolean prefers(final ClusterState s, final String node) {
    for (final GroupState g : s.groups()) {
      if (g.configured() && g.preferredNode().equals(node)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The set that spells {@code groups} relative to {@code node}: the preferred groups of {@code
   * node} among them make it local, any other makes it foreign.
   */
  public static ResourceSet spelling(
      final ClusterState s, final String node, final List<String> groups) {
    boolean local = false;
    boolean foreign = false;
    for (final String name : groups) {
      final GroupState g = s.group(name);
      if (g != null) {
        local |= g.preferredNode().equals(node);
        foreign |= !g.preferredNode().equals(node);
      }
    }
    return of(local, foreign);
  }

  /** The same groups seen from the other node of a pair: local and foreign swap. */
  public ResourceSet mirrored() {
    return of(foreign(), local());
  }
}
