package io.systole.engine.detect;

import io.systole.journal.event.Event;
import java.util.List;

/**
 * Decides from heartbeats and the passing of time which peers and links are alive. Pure: time comes
 * in as an argument, nothing but these calls changes its state, and each returns the transitions it
 * caused (node up, warn, dead; link up, dead), ready for the journal. The common case, a heartbeat
 * on a live link, returns the shared empty list and allocates nothing. Not thread-safe: the cluster
 * logic thread owns it.
 */
public interface FailureDetector {
  /** A heartbeat from {@code node} on {@code link} arrived at {@code nowMicros} (epoch µs). */
  List<Event> onHeartbeat(String node, String link, long nowMicros);

  /** Time is now {@code nowMicros}: late links warn, silent links and nodes die. */
  List<Event> onTick(long nowMicros);

  /**
   * This node did not run from {@code fromMicros} to {@code toMicros} (its process was stopped, its
   * machine paused), so it could hear nothing then: each link's silence is shortened by the pause,
   * though never to after {@code toMicros}. Without this, a node woken after a freeze would declare
   * every peer dead before reading the heartbeats waiting in its sockets.
   */
  void onPause(long fromMicros, long toMicros);
}
