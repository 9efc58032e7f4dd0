package io.systole.engine.detect;

import io.systole.engine.detect.LinkState.Status;
import io.systole.journal.event.Event;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeDead.LinkEvidence;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The failure detector: Heartbeat's semantics, with the decision "is this silent link dead" left to
 * a {@link DeathRule}. A link heard comes up; a link silent for warntime gets one late-heartbeat
 * warning per silence (with how late, beyond keepalive); a link the rule judges dead goes down; a
 * node whose links are all down is dead, except that no node is declared dead until the cluster has
 * been up for initdead (a node never heard is then dead with initdead as its deadtime). A dead link
 * or node heard again comes back up. A node-dead transition carries its evidence: the last time
 * each link heard it, the deadtime in force, and how many of its heartbeats arrived in the last
 * {@link #EVIDENCE_WINDOW_DEADTIMES} deadtimes. The detector's clock starts at the first call.
 */
final class LivenessDetector implements FailureDetector {
  /** The evidence window, in deadtimes, over which a dead node's heartbeats are counted. */
  static final int EVIDENCE_WINDOW_DEADTIMES = 2;

  private static final int RECENT = 64;

  private final DetectorTimings timings;
  private final DeathRule rule;
  private final Map<String, Peer> peers = new HashMap<>();
  private final Peer[] order;
  private long startMicros = Long.MIN_VALUE;

  /** One peer: its status, its links, and the times of its recent heartbeats. */
  private static final class Peer {
    final String node;
    final LinkState[] links;
    final long[] recent = new long[RECENT];
    int recentHead;
    int recentCount;
    Status status = Status.UNKNOWN;

    Peer(final String node, final List<String> links, final int window) {
      this.node = node;
      this.links = new LinkState[links.size()];
      for (int i = 0; i < this.links.length; i++) {
        this.links[i] = new LinkState(links.get(i), window);
      }
    }

    LinkState link(final String name) {
      for (final LinkState l : links) {
        if (l.name.equals(name)) {
          return l;
        }
      }
      return null;
    }

    long lastHeard() {
      long last = LinkState.NEVER;
      for (final LinkState l : links) {
        last = Math.max(last, l.lastHeardMicros);
      }
      return last;
    }
  }

  LivenessDetector(
      final DetectorTimings timings,
      final DeathRule rule,
      final List<String> peerNodes,
      final List<String> links,
      final int window) {
    this.timings = timings;
    this.rule = rule;
    this.order = new Peer[peerNodes.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = new Peer(peerNodes.get(i), links, window);
      peers.put(order[i].node, order[i]);
    }
  }

  @Override
  public List<Event> onHeartbeat(final String node, final String link, final long nowMicros) {
    start(nowMicros);
    final Peer peer = peers.get(node);
    if (peer == null) {
      return List.of();
    }
    final LinkState l = peer.link(link);
    if (l == null) {
      return List.of();
    }
    rule.onArrival(l, l.lastHeardMicros == LinkState.NEVER ? -1 : nowMicros - l.lastHeardMicros);
    l.lastHeardMicros = nowMicros;
    l.warned = false;
    peer.recent[peer.recentHead] = nowMicros;
    peer.recentHead = (peer.recentHead + 1) % RECENT;
    peer.recentCount = Math.min(peer.recentCount + 1, RECENT);
    if (l.status == Status.UP && peer.status == Status.UP) {
      return List.of();
    }
    final List<Event> out = new ArrayList<>(2);
    if (peer.status != Status.UP) {
      peer.status = Status.UP;
      out.add(new NodeUp(node, link));
    }
    if (l.status != Status.UP) {
      l.status = Status.UP;
      out.add(new LinkUp(node, link));
    }
    return out;
  }

  @Override
  public List<Event> onTick(final long nowMicros) {
    start(nowMicros);
    List<Event> out = null;
    final boolean initdeadOver = nowMicros - startMicros >= timings.initdeadMicros();
    for (final Peer peer : order) {
      for (final LinkState l : peer.links) {
        if (l.status != Status.UP) {
          continue;
        }
        final long silence = nowMicros - l.lastHeardMicros;
        final boolean dead = rule.isDead(l, silence);
        if (!l.warned && silence >= timings.warntimeMicros() && !dead) {
          l.warned = true;
          out =
              add(
                  out,
                  new NodeWarn(
                      peer.node, l.name, l.lastHeardMicros, silence - timings.keepaliveMicros()));
        }
        if (dead) {
          l.status = Status.DEAD;
          out =
              add(
                  out,
                  new LinkDead(
                      peer.node, l.name, l.lastHeardMicros, rule.deadtimeInForce(silence)));
        }
      }
      if (peer.status != Status.DEAD && initdeadOver && !anyLinkUp(peer)) {
        out = add(out, dead(peer, nowMicros));
      }
    }
    return out == null ? List.of() : out;
  }

  @Override
  public void onPause(final long fromMicros, final long toMicros) {
    final long pause = toMicros - fromMicros;
    if (pause <= 0) {
      return;
    }
    if (startMicros != Long.MIN_VALUE && startMicros < toMicros) {
      startMicros = Math.min(startMicros + pause, toMicros);
    }
    for (final Peer peer : order) {
      for (final LinkState l : peer.links) {
        if (l.lastHeardMicros != LinkState.NEVER && l.lastHeardMicros < toMicros) {
          l.lastHeardMicros = Math.min(l.lastHeardMicros + pause, toMicros);
        }
      }
    }
  }

  private NodeDead dead(final Peer peer, final long nowMicros) {
    final boolean neverHeard = peer.status == Status.UNKNOWN;
    peer.status = Status.DEAD;
    final List<LinkEvidence> evidence = new ArrayList<>(peer.links.length);
    for (final LinkState l : peer.links) {
      evidence.add(
          new LinkEvidence(
              l.name,
              l.lastHeardMicros == LinkState.NEVER ? LinkEvidence.NEVER : l.lastHeardMicros));
    }
    final long since = nowMicros - EVIDENCE_WINDOW_DEADTIMES * timings.deadtimeMicros();
    int heard = 0;
    for (int i = 0; i < peer.recentCount; i++) {
      if (peer.recent[i] >= since) {
        heard++;
      }
    }
    final long deadtime =
        neverHeard ? timings.initdeadMicros() : rule.deadtimeInForce(nowMicros - peer.lastHeard());
    return new NodeDead(peer.node, deadtime, neverHeard, heard, evidence);
  }

  private static boolean anyLinkUp(final Peer peer) {
    for (final LinkState l : peer.links) {
      if (l.status == Status.UP) {
        return true;
      }
    }
    return false;
  }

  private void start(final long nowMicros) {
    if (startMicros == Long.MIN_VALUE) {
      startMicros = nowMicros;
    }
  }

  private static List<Event> add(final List<Event> out, final Event e) {
    final List<Event> list = out == null ? new ArrayList<>(4) : out;
    list.add(e);
    return list;
  }
}
