package io.systole.engine.heartbeat;

import io.systole.engine.agent.Announcement;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.Layout;
import io.systole.journal.event.PeerStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one Heartbeat 3.0.6 node said in one life (one generation), kept as the {@link Announcement}
 * a Systole node would have sent: the groups it holds (its groups are free only once they really
 * are: a giver's report applies at its {@code done}, a stopping node's at its {@code shutdone}),
 * whether it is ready, its standby and takeover wishes, whether it leaves, and the groups it did
 * not answer a request to take. Each method is one thing the node said or did; {@link
 * HeartbeatPeers} decides what to answer.
 */
final class HeartbeatPeer {
  final String name;
  final long generation;

  private List<String> held = List.of();

  /**
   * The set it holds as it spelled it: unlike {@link #held}, it tells an empty set held from one
   * not held, which is how Heartbeat counts the set of a node no group prefers.
   */
  private ResourceSet holdSet = ResourceSet.NONE;

  private boolean ready;
  private List<String> standby = List.of();
  private List<String> takeover = List.of();
  private boolean leaving;

  /** Between its {@code ask_resources info=me} and its {@code done}: it is giving groups up. */
  private boolean giving;

  /** What it said it keeps while giving, in force at its {@code done}. */
  private List<String> heldAfterGiving = List.of();

  private ResourceSet holdSetAfterGiving = ResourceSet.NONE;

  /** Groups it did not answer a request to take (counted as failed there). */
  private List<String> refused = List.of();

  /** When it was heard again after a partition (0: not so), waiting for its restart. */
  private long returnedMicros;

  /** Whether it sent a report or {@code starting} in this life. */
  boolean reported;

  /** Whether its death was told to it ({@code stonith}). */
  boolean deathReported;

  private Announcement announcement;
  private Layout announcedLayout;

  HeartbeatPeer(final String name, final long generation) {
    this.name = name;
    this.generation = generation;
  }

  /** What it holds and wants, as an announcement ({@code legacy}: never ready). */
  Announcement announcement(final ClusterState s, final boolean legacy) {
    if (announcement == null || s.layout() != announcedLayout) {
      // Built again after what it said changed, or a reload (failback, ping groups).
      announcedLayout = s.layout();
      final List<Long> terms = new ArrayList<>(held.size());
      for (int i = 0; i < held.size(); i++) {
        terms.add(0L); // Heartbeat numbers no claim: the oldest, as a Systole claim without one
      }
      announcement =
          new Announcement(
              name,
              held,
              terms,
              ready && !legacy,
              refused,
              standby,
              takeover,
              PeerStatus.HEARS_ALL,
              s.layout().guards().pingGroups(),
              leaving);
    }
    return announcement;
  }

  /** Whether it says it holds its foreign set (the other node's own groups). */
  boolean holdsForeign() {
    return holdSet.foreign();
  }

  boolean leaving() {
    return leaving;
  }

  boolean giving() {
    return giving;
  }

  /** {@code starting}: its links came up, it holds nothing and wants nothing yet. */
  void starting() {
    held = List.of();
    holdSet = ResourceSet.NONE;
    refused = List.of();
    giving = false;
    ready = false;
    standby = List.of();
    takeover = List.of();
    leaving = false;
    changed();
  }

  /**
   * A {@code resource} report. Ready once stable in this life, and it stays so: a giver reports
   * {@code isstable=0} until the taker finished, and the taker must not wait for it.
   */
  void report(final ResourceMessage m, final ClusterState s) {
    if ("shutdown".equals(m.info())) {
      // Sent as the stop begins, before anything stopped: the groups are free only once shutdone
      // says so. Meanwhile it leaves and wants nothing.
      leaves(s);
    } else if (m.hold() != null) {
      final List<String> said = m.hold().groups(s, name);
      final List<String> now = m.full() ? said : union(held, said);
      final ResourceSet set = m.full() ? m.hold() : holdSet.with(m.hold());
      if (giving) {
        // What it kept, reported while its stop may still run: in force at its done.
        heldAfterGiving = now;
        holdSetAfterGiving = set;
      } else {
        held = now;
        holdSet = set;
      }
    }
    ready |= m.stable();
    if (m.stable()) {
      refused = List.of(); // settled: it may be asked again
    }
    changed();
  }

  /** Its {@code ask_resources info=me} was answered: it gives {@code groups} up. */
  void gives(final List<String> groups) {
    giving = true;
    refused = List.of();
    heldAfterGiving = held;
    holdSetAfterGiving = holdSet;
    standby = groups;
    takeover = List.of();
    changed();
  }

  /** Its {@code done} as giver: what it kept is now what it holds. Whether it was giving. */
  boolean gave() {
    if (!giving) {
      return false;
    }
    giving = false;
    held = heldAfterGiving;
    holdSet = holdSetAfterGiving;
    changed();
    return true;
  }

  /** Its {@code hb_takeover}: it wants {@code groups}. */
  void wants(final List<String> groups) {
    takeover = groups;
    standby = List.of();
    changed();
  }

  /** Its {@code shutdone}: everything stopped, it leaves and holds no decision back. */
  void shutdone(final ClusterState s) {
    leaves(s);
    ready = true;
    held = List.of();
    holdSet = ResourceSet.NONE;
  }

  private void leaves(final ClusterState s) {
    leaving = true;
    standby = ResourceSet.ALL.groups(s, name);
    takeover = List.of();
    changed();
  }

  /**
   * Heard again in this life after it was declared dead: a healed partition. Heartbeat answers one
   * by giving everything up and restarting about 2 s later. Cut off, it took everything
   * (haresources mode has no quorum), and the reports saying so were lost with the link: it holds
   * all, on its way out.
   */
  void returned(final long nowMicros, final ClusterState s) {
    returnedMicros = nowMicros;
    leaves(s);
    held = standby;
    holdSet = ResourceSet.ALL;
  }

  /**
   * Whether it was heard again after a partition more than {@code waitMicros} ago without
   * restarting (only the other side saw the partition): it is then taken as it says again.
   */
  boolean stayed(final long nowMicros, final long waitMicros) {
    if (returnedMicros == 0 || nowMicros - returnedMicros <= waitMicros) {
      return false;
    }
    returnedMicros = 0;
    leaving = false;
    standby = List.of();
    changed();
    return true;
  }

  /** It did not answer a request to take {@code groups}. */
  void refused(final List<String> groups) {
    refused = List.copyOf(groups);
    changed();
  }

  private void changed() {
    announcement = null;
  }

  private static List<String> union(final List<String> a, final List<String> b) {
    final List<String> out = new ArrayList<>(a);
    for (final String x : b) {
      if (!out.contains(x)) {
        out.add(x);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
