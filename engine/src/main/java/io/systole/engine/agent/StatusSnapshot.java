package io.systole.engine.agent;

import io.systole.engine.state.ClusterState;
import io.systole.journal.Entry;
import io.systole.media.LinkStats;
import java.util.List;
import java.util.Map;

/**
 * What {@code systole status} shows, as of one moment: the cluster state, the last transitions, the
 * journal's position, each medium's own state and counters, and the drop counters. Immutable; the
 * cluster-logic thread publishes a new one after each change and the control thread reads it.
 *
 * @param generation this daemon's Heartbeat generation
 * @param journalIndex the index of the last journal entry, or -1
 * @param recent the last transitions, oldest first
 * @param media each medium's state and counters
 * @param drops messages dropped after the transports, by reason (non-zero ones)
 * @param lost messages of each node never received (gaps in its sequence numbers), by node
 * @param heartbeat the peers heard as Heartbeat 3.0.6 nodes (a cluster being migrated)
 */
public record StatusSnapshot(
    ClusterState state,
    long generation,
    long journalIndex,
    List<Entry> recent,
    List<LinkStats> media,
    Map<Drop, Long> drops,
    Map<String, Long> lost,
    List<String> heartbeat) {

  /** Copies the collections. */
  public StatusSnapshot {
    heartbeat = List.copyOf(heartbeat);
    recent = List.copyOf(recent);
    media = List.copyOf(media);
    drops = Map.copyOf(drops);
    lost = Map.copyOf(lost);
  }
}
