package io.systole.journal.event;

import java.util.List;

/**
 * A node is declared dead: no link heard it within the deadtime in force. Carries the evidence for
 * the postmortem: the deadtime used (the initdead threshold while the cluster was starting), the
 * last time each link heard the node, and how many heartbeats arrived in the last window.
 */
public record NodeDead(
    String node,
    long deadtimeMicros,
    boolean initdeadInForce,
    int heartbeatsInWindow,
    List<LinkEvidence> links)
    implements Event {

  /** Copies {@code links} so that the record stays immutable. */
  public NodeDead {
    links = List.copyOf(links);
  }

  /**
   * The last time {@code link} heard the node, or {@link #NEVER} when it never did.
   *
   * @param link the medium, as named in ha.cf (for example {@code bcast eth1})
   * @param lastHeardMicros epoch microseconds of the last heartbeat on that link
   */
  public record LinkEvidence(String link, long lastHeardMicros) {
    /** The value of {@code lastHeardMicros} for a link that never heard the node. */
    public static final long NEVER = -1L;
  }
}
