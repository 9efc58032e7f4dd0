package io.systole.engine.agent;

import io.systole.engine.detect.FailureDetector;
import io.systole.engine.state.ClusterState;
import io.systole.journal.event.Event;
import java.util.List;

/**
 * The body of the cluster-logic thread, whatever feeds it (the rings in the daemon, the virtual
 * clock in the simulation): heartbeats go through the failure detector, the newest announcement of
 * each peer updates what this node knows of it, and every input ends with the policy's decisions.
 * It also says when this node's own announcement changed, so that it is sent at once rather than at
 * the next keepalive. Single-threaded: one thread owns it.
 */
public final class ClusterAgent {
  private final FailureDetector detector;
  private final ClusterLogic logic;
  private final List<String> nodes;
  private final long[] peerGeneration;
  private final long[] peerSeq;
  private Announcement lastSent;
  private ClusterState announcedState;

  /**
   * An agent over {@code logic}, with {@code detector} for liveness.
   *
   * @param nodes every configured node, in node-line order: peers are known by their index in it
   */
  public ClusterAgent(
      final FailureDetector detector, final ClusterLogic logic, final List<String> nodes) {
    this.detector = detector;
    this.logic = logic;
    this.nodes = List.copyOf(nodes);
    this.peerGeneration = new long[nodes.size()];
    this.peerSeq = new long[nodes.size()];
  }

  /** The cluster logic, for its state. */
  public ClusterLogic logic() {
    return logic;
  }

  /** Journals {@code events} (a start, a finished action, an admin command) and decides. */
  public void input(final long nowMicros, final List<? extends Event> events) {
    logic.accept(nowMicros, events);
  }

  /** Time passed: silent links and nodes warn or die. */
  public void tick(final long nowMicros) {
    final List<Event> events = detector.onTick(nowMicros);
    if (!events.isEmpty()) {
      logic.accept(nowMicros, events);
    }
  }

  /**
   * This node did not run from {@code fromMicros} to {@code toMicros}: what it could not hear then
   * does not count against its peers (see {@link FailureDetector#onPause}). Journals nothing: the
   * detector's judgement is not state, its transitions are.
   */
  public void paused(final long fromMicros, final long toMicros) {
    detector.onPause(fromMicros, toMicros);
  }

  /**
   * A verified heartbeat from node {@code from} (its index in the node lines) on {@code link}:
   * liveness first, then the announcement if it is the newest of that daemon's life (heartbeats
   * overtake each other, and a restarted peer starts a new generation), then the decisions.
   *
   * @param announcement what the sender says about itself, or null when it says nothing (a
   *     Heartbeat node)
   */
  public void heartbeat(
      final long nowMicros,
      final int from,
      final String link,
      final long generation,
      final long seq,
      final Announcement announcement) {
    for (final Event e : detector.onHeartbeat(nodes.get(from), link, nowMicros)) {
      logic.record(nowMicros, e);
    }
    if (announcement != null
        && (generation > peerGeneration[from]
            || (generation == peerGeneration[from] && seq > peerSeq[from]))) {
      peerGeneration[from] = generation;
      peerSeq[from] = seq;
      for (final Event e : announcement.changes(logic.state())) {
        logic.record(nowMicros, e);
      }
    }
    logic.decide(nowMicros);
  }

  /**
   * What node {@code from} now holds and wants, learnt outside its heartbeats (a Heartbeat node's
   * resource messages): journals what changed, then decides.
   */
  public void announced(final long nowMicros, final int from, final Announcement announcement) {
    for (final Event e : announcement.changes(logic.state())) {
      logic.record(nowMicros, e);
    }
    logic.decide(nowMicros);
  }

  /**
   * This node's announcement when it differs from the last one handed out, else null; the caller
   * sends it at once.
   */
  public Announcement changedAnnouncement() {
    if (logic.state() == announcedState) {
      return null; // nothing was journaled since: nothing to announce (the common, idle case)
    }
    announcedState = logic.state();
    final Announcement now = Announcement.of(announcedState);
    if (now.equals(lastSent)) {
      return null;
    }
    lastSent = now;
    return now;
  }

  /**
   * This node's announcement, for a periodic heartbeat: built again only when something was
   * journaled since the last one (an idle node sends the same one every keepalive).
   */
  public Announcement announcement() {
    if (logic.state() != announcedState || lastSent == null) {
      announcedState = logic.state();
      lastSent = Announcement.of(announcedState);
    }
    return lastSent;
  }
}
