package io.systole.tools;

import io.systole.journal.codec.EventType;
import io.systole.journal.event.Event;
import java.util.List;

/**
 * What {@code journal timeline} draws, computed from the journals and nothing else: a lane per
 * node, each a list of rows of intervals (the node's daemon, each peer's status and links as the
 * node saw them, each group it held) and a list of markers (its entries), all on one time axis from
 * the first entry shown to the last. {@link TimelineBuilder} computes it; {@link TimelineHtml}
 * draws it. Times are the journals' own epoch microseconds, each node's by its own clock.
 *
 * @param startMicros the time of the first entry shown: the left end of the axis
 * @param endMicros the time of the last entry shown: the right end of the axis
 * @param lanes one per node, in node-line order (nodes no configuration names last, by name)
 * @param groups every group, in the order the configurations name them: its palette slot
 * @param limits the caps the model was built under
 */
record TimelineModel(
    long startMicros, long endMicros, List<Lane> lanes, List<String> groups, Limits limits) {

  /** Copies the lists so that the model is immutable. */
  TimelineModel {
    lanes = List.copyOf(lanes);
    groups = List.copyOf(groups);
  }

  /**
   * How much the model may hold, so that a timeline of a huge journal runs in bounded memory:
   * markers beyond {@code maxMarkers} and closed intervals beyond {@code maxIntervals} (over all
   * lanes, in cluster order) are counted, not kept.
   */
  record Limits(int maxMarkers, int maxIntervals) {
    /** The caps {@code journal timeline} uses unless told otherwise. */
    static final Limits DEFAULT = new Limits(5_000, 20_000);
  }

  /** What a row shows. */
  enum RowKind {
    /** The lane's own daemon: running, stopping, stopped. */
    DAEMON,
    /** A peer's status as the lane's node saw it: unknown, up, dead. */
    NODE,
    /** One medium's view of a peer: up, down. */
    LINK,
    /** A group while the lane's node held it: starting, running, stopping, unclean, unknown. */
    GROUP
  }

  /**
   * One span of time during which a row kept one value.
   *
   * @param startIndex the index of the entry that began it (in the lane's journal); when it began
   *     before the first entry shown, {@code startMicros} is clipped to the axis' start
   * @param endIndex the index of the entry that ended it, or -1 when it lasts to the end of the
   *     axis
   */
  record Interval(String value, long startMicros, long endMicros, long startIndex, long endIndex) {}

  /**
   * One row of a lane.
   *
   * @param subject the peer ({@code NODE}, {@code LINK}), the group ({@code GROUP}) or the lane's
   *     own node ({@code DAEMON})
   * @param link the medium as ha.cf names it ({@code LINK}), or null
   */
  record Row(RowKind kind, String subject, String link, List<Interval> intervals) {
    /** Copies the list so that the row is immutable. */
    Row {
      intervals = List.copyOf(intervals);
    }
  }

  /** What a marker marks; routine entries are many and merge into runs. */
  enum MarkerKind {
    /** A change of membership, links, groups, claims, configuration or the daemon. */
    TRANSITION,
    /** An admin command: standby, takeover, cleanup. */
    ADMIN,
    /** A fencing step. */
    FENCE,
    /**
     * A peer's status, a resource step, a late-heartbeat warning, a checkpoint: merged into runs.
     */
    ROUTINE;

    /** The kind of the entry holding {@code event}. */
    static MarkerKind of(final Event event) {
      return switch (EventType.of(event)) {
        case ADMIN_STANDBY, ADMIN_TAKEOVER, ADMIN_CLEANUP -> ADMIN;
        case FENCE -> FENCE;
        case PEER_STATUS, RESOURCE_START, RESOURCE_STOP, NODE_WARN, CHECKPOINT -> ROUTINE;
        case NODE_UP,
            NODE_DEAD,
            LINK_UP,
            LINK_DEAD,
            GROUP_START,
            GROUP_STOP,
            MONITOR_FAILED,
            PEER_CLAIM,
            PEER_RELEASE,
            PING_STATUS,
            CONFIG_LOADED,
            DAEMON_STARTED,
            DAEMON_STOPPED,
            DAEMON_STOPPING ->
            TRANSITION;
      };
    }
  }

  /**
   * One entry, or a run of consecutive routine entries of one lane, placed at its first entry.
   *
   * @param type the event type of the first entry ({@code NodeDead})
   * @param count how many entries it stands for: 1, or the length of a run
   * @param text the entry in words, as {@code dump} prints it; for a run, the first entry and a
   *     line saying how many more there are up to which
   */
  record Marker(
      MarkerKind kind,
      String type,
      long index,
      long timeMicros,
      long lastIndex,
      long lastMicros,
      long count,
      String text) {}

  /**
   * One node's lane.
   *
   * @param entries how many of its entries are in the time window shown
   * @param omittedMarkers markers not kept, the cap reached
   * @param firstOmittedIndex the index of the first entry whose marker was not kept, or -1
   * @param omittedIntervals closed intervals not kept, the cap reached
   */
  record Lane(
      String node,
      List<Row> rows,
      List<Marker> markers,
      long entries,
      long omittedMarkers,
      long firstOmittedIndex,
      long omittedIntervals) {
    /** Copies the lists so that the lane is immutable. */
    Lane {
      rows = List.copyOf(rows);
      markers = List.copyOf(markers);
    }
  }

  /** How many entries the lanes show, together. */
  long entries() {
    return lanes.stream().mapToLong(Lane::entries).sum();
  }

  /** How many markers the lanes hold, together. */
  long markers() {
    return lanes.stream().mapToLong(l -> l.markers().size()).sum();
  }

  /** How many markers were left out under the cap, together. */
  long omittedMarkers() {
    return lanes.stream().mapToLong(Lane::omittedMarkers).sum();
  }

  /** How many closed intervals were left out under the cap, together. */
  long omittedIntervals() {
    return lanes.stream().mapToLong(Lane::omittedIntervals).sum();
  }
}
