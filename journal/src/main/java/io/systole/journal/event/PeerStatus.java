package io.systole.journal.event;

import java.util.List;

/**
 * What peer {@code node} announced about itself, beyond the groups it holds: whether it has
 * finished starting ({@code ready}: it heard every peer or waited out initdead), the groups that
 * failed to start there, the groups an admin put in standby there, and the groups an admin told it
 * to take over; since version 2 also the nodes it hears, the ping groups it reaches, and whether
 * its daemon is leaving (stopping cleanly). Journaled when any of it changes; every node computes
 * the same owners from these.
 *
 * @param hears the peers the sender hears; {@link #HEARS_ALL} when it did not say (version 1)
 * @param pings the ping groups the sender reaches
 * @param leaving whether the sender's daemon is stopping cleanly, so its silence needs no fencing
 */
public record PeerStatus(
    String node,
    boolean ready,
    List<String> failed,
    List<String> standby,
    List<String> takeover,
    List<String> hears,
    List<String> pings,
    boolean leaving)
    implements Event {

  /** The {@code hears} of a sender that did not say whom it hears: taken as hearing everyone. */
  public static final List<String> HEARS_ALL = List.of("*");

  /** Copies the lists so that the record stays immutable. */
  public PeerStatus {
    failed = List.copyOf(failed);
    standby = List.copyOf(standby);
    takeover = List.copyOf(takeover);
    hears = List.copyOf(hears);
    pings = List.copyOf(pings);
  }

  /** A status as version 1 recorded it: hearing everyone, reaching no ping group, not leaving. */
  public PeerStatus(
      final String node,
      final boolean ready,
      final List<String> failed,
      final List<String> standby,
      final List<String> takeover) {
    this(node, ready, failed, standby, takeover, HEARS_ALL, List.of(), false);
  }

  /** Whether the sender said it hears {@code peer}. */
  public boolean hearsNode(final String peer) {
    return hears(hears, peer);
  }

  /** Whether a sender whose {@code hears} is this hears {@code peer}. */
  public static boolean hears(final List<String> hears, final String peer) {
    return hears.contains(peer) || hears.equals(HEARS_ALL);
  }
}
