package io.systole.journal.event;

import java.util.List;

/**
 * A configuration was read from {@code source} and put in force. {@code sha256} is the hex digest
 * of its files; the rest is the part of it that decisions depend on (the nodes in {@code node}-line
 * order, the resource groups, auto_failback, the fencing agent), so that a journal copied to a
 * laptop replays without the configuration files. A journal written before version 2 of this event
 * holds only the source and the digest; its lists are empty.
 *
 * @param fenceAgent the STONITH agent configured, or the empty string when fencing is not
 */
public record ConfigLoaded(
    String source,
    String sha256,
    List<String> nodes,
    List<Group> groups,
    Failback failback,
    String fenceAgent)
    implements Event {

  /** Copies the lists so that the record stays immutable. */
  public ConfigLoaded {
    nodes = List.copyOf(nodes);
    groups = List.copyOf(groups);
  }

  /** A configuration known only by its source and digest (how version 1 recorded it). */
  public ConfigLoaded(final String source, final String sha256) {
    this(source, sha256, List.of(), List.of(), Failback.LEGACY, "");
  }

  /**
   * One haresources line: the group's name (its first resource), its preferred node and its
   * resources in start order.
   */
  public record Group(String name, String preferredNode, List<String> resources) {
    /** Copies the resources. */
    public Group {
      resources = List.copyOf(resources);
    }
  }
}
