package io.systole.journal.codec;

import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.Checkpoint;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.PingStatus;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;

/**
 * The stable numeric id and the current version of every event type. Ids are never reused and never
 * renumbered; a change to a type's fields bumps its version, and the codec keeps reading every
 * older version it ever wrote.
 */
public enum EventType {
  NODE_UP(1, 1, NodeUp.class),
  NODE_WARN(2, 1, NodeWarn.class),
  NODE_DEAD(3, 1, NodeDead.class),
  LINK_UP(4, 1, LinkUp.class),
  LINK_DEAD(5, 1, LinkDead.class),
  GROUP_START(10, 1, GroupStart.class),
  GROUP_STOP(11, 1, GroupStop.class),
  RESOURCE_START(12, 1, ResourceStart.class),
  RESOURCE_STOP(13, 1, ResourceStop.class),
  MONITOR_FAILED(14, 1, MonitorFailed.class),
  PEER_CLAIM(20, 2, PeerClaim.class),
  PEER_RELEASE(21, 1, PeerRelease.class),
  PEER_STATUS(22, 2, PeerStatus.class),
  ADMIN_STANDBY(30, 1, AdminStandby.class),
  ADMIN_TAKEOVER(31, 1, AdminTakeover.class),
  ADMIN_CLEANUP(32, 1, AdminCleanup.class),
  FENCE(40, 1, Fence.class),
  PING_STATUS(41, 1, PingStatus.class),
  CONFIG_LOADED(50, 3, ConfigLoaded.class),
  DAEMON_STARTED(60, 1, DaemonStarted.class),
  DAEMON_STOPPED(61, 1, DaemonStopped.class),
  DAEMON_STOPPING(62, 1, DaemonStopping.class),
  CHECKPOINT(70, 1, Checkpoint.class);

  private static final EventType[] BY_ID = new EventType[256];
  private static final ClassValue<EventType> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected EventType computeValue(final Class<?> type) {
          for (final EventType t : values()) {
            if (t.type == type) {
              return t;
            }
          }
          throw new IllegalStateException("no EventType for " + type.getName());
        }
      };

  static {
    for (final EventType t : values()) {
      if (BY_ID[t.id] != null) {
        throw new ExceptionInInitializerError("duplicate event type id " + t.id);
      }
      BY_ID[t.id] = t;
    }
  }

  private final int id;
  private final int version;
  private final Class<? extends Event> type;

  EventType(final int id, final int version, final Class<? extends Event> type) {
    this.id = id;
    this.version = version;
    this.type = type;
  }

  /** The stable id stored in each frame. */
  public int id() {
    return id;
  }

  /** The version this build writes, and the newest it reads. */
  public int version() {
    return version;
  }

  /** The record class. */
  public Class<? extends Event> type() {
    return type;
  }

  /** The type of {@code event}. */
  public static EventType of(final Event event) {
    return BY_CLASS.get(event.getClass());
  }

  /** The type stored under {@code id}, or {@code null} when this build does not know it. */
  public static EventType ofId(final int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}
