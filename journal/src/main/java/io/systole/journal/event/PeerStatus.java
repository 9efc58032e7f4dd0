package io.systole.journal.event;

import java.util.List;

/**
 * What peer {@code node} announced about itself, beyond the groups it holds: whether it has
 * finished starting ({@code ready}: it heard every peer or waited out initdead), the groups that
 * failed to start there, the groups an admin put in standby there, and the groups an admin told it
 * to take over. Journaled when any of it changes; every node computes the same owners from these.
 */
public record PeerStatus(
    String node, boolean ready, List<String> failed, List<String> standby, List<String> takeover)
    implements Event {

  /** Copies the lists so that the record stays immutable. */
  public PeerStatus {
    failed = List.copyOf(failed);
    standby = List.copyOf(standby);
    takeover = List.copyOf(takeover);
  }
}
