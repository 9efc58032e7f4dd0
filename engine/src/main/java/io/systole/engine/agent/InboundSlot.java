package io.systole.engine.agent;

import io.systole.journal.event.Event;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One preallocated slot of the inbound ring: a received frame (its bytes copied in once), a tick, a
 * heartbeat due, or events from outside (a command, a finished action). The verify stage fills in
 * the decoded sender, generation, sequence and announcement; the logic stage consumes them. Reused
 * forever, so nothing here is allocated per heartbeat.
 */
final class InboundSlot {
  /** What the slot holds. */
  enum Kind {
    FRAME,
    TICK,
    HEARTBEAT_DUE,
    EVENTS,
    /** New keys for the verify stage (a reloaded authkeys); the logic ignores it. */
    KEYS,
    /** The process did not run from {@link #pausedSinceMicros} to the slot's time. */
    PAUSED
  }

  /** Frames longer than this get a larger array of their own, once. */
  static final int INLINE_BYTES = 2048;

  Kind kind;
  long timeMicros;
  int link;
  byte[] data = new byte[INLINE_BYTES];
  int length;
  List<? extends Event> events;

  /** Counted down once the logic has handled this slot (a clean stop waits on it). */
  CountDownLatch barrier;

  /** Set by the verify stage: null when the frame is good, else why it was dropped. */
  Drop drop;

  int sender;
  long generation;
  long seq;
  boolean status;

  /** A Heartbeat node's {@code reqnodes} to this node: it waits for our {@code repnodes}. */
  boolean reqnodes;

  Announcement announcement;

  /** A Heartbeat resource-protocol message ({@code resource}, {@code ask_resources}, ...). */
  io.systole.engine.heartbeat.ResourceMessage resource;

  /** For {@link Kind#PAUSED}: when the pause began. */
  long pausedSinceMicros;

  /** For {@link Kind#KEYS}. */
  WireKeys keys;

  void frame(final int linkId, final ByteBuffer frame, final long now) {
    kind = Kind.FRAME;
    timeMicros = now;
    link = linkId;
    length = frame.remaining();
    if (length > data.length) {
      data = new byte[Math.max(length, data.length * 2)];
    }
    frame.get(frame.position(), data, 0, length);
    events = null;
    barrier = null;
    drop = null;
    reqnodes = false;
    announcement = null;
    resource = null;
  }

  void signal(final Kind k, final long now) {
    kind = k;
    barrier = null;
    timeMicros = now;
    events = null;
    drop = null;
    announcement = null;
    resource = null;
    keys = null;
  }
}
