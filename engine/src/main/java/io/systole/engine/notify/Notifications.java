package io.systole.engine.notify;

import io.systole.journal.Entry;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.Phase;
import io.systole.journal.event.PingStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which journaled transitions an operator's notify program hears of, and in which {@code SYSTOLE_*}
 * environment variables: nodes and links coming up or dying, groups starting and stopping (begun,
 * done, failed) and failing their monitor, every fencing phase, ping groups and the quorum file
 * becoming reachable or not, and the daemon's start and stop. Routine entries (peers' status,
 * claims, late heartbeats, single resources, configuration) are not notified: the journal keeps
 * them. A pure function of the entry, so that replaying a journal gives the same notifications.
 */
public final class Notifications {
  /** node, link, group, fence, ping or daemon. */
  public static final String KIND = "SYSTOLE_KIND";

  /** The journal event's type, such as {@code NodeDead}. */
  public static final String EVENT = "SYSTOLE_EVENT";

  /** The node that journaled the transition: this node. */
  public static final String NODE = "SYSTOLE_NODE";

  /** The node, fencing target, ping group or quorum file the transition is about. */
  public static final String TARGET = "SYSTOLE_TARGET";

  /** The heartbeat medium, for node up and link transitions. */
  public static final String LINK = "SYSTOLE_LINK";

  /** The resource group. */
  public static final String GROUP = "SYSTOLE_GROUP";

  /** The resource whose monitor failed. */
  public static final String RESOURCE = "SYSTOLE_RESOURCE";

  /** The fencing device's type. */
  public static final String AGENT = "SYSTOLE_AGENT";

  /** One word for the new state, such as {@code dead} or {@code start_failed}. */
  public static final String STATE = "SYSTOLE_STATE";

  /** The event's reason, error or evidence, when it has one. */
  public static final String DETAIL = "SYSTOLE_DETAIL";

  /** When it was journaled: ISO-8601 UTC with microseconds. */
  public static final String TIME = "SYSTOLE_TIME";

  /** When it was journaled: microseconds since the epoch. */
  public static final String TIME_MICROS = "SYSTOLE_TIME_MICROS";

  /** The entry's index in the journal. */
  public static final String INDEX = "SYSTOLE_INDEX";

  private static final Set<Class<? extends Event>> NOTIFIED =
      Set.of(
          NodeUp.class,
          NodeDead.class,
          LinkUp.class,
          LinkDead.class,
          GroupStart.class,
          GroupStop.class,
          MonitorFailed.class,
          Fence.class,
          PingStatus.class,
          DaemonStarted.class,
          DaemonStopped.class);

  private static final DateTimeFormatter TIME_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Notifications() {}

  /** Whether {@code event} is notified; allocation-free, for the cluster logic's thread. */
  public static boolean notifies(final Event event) {
    return NOTIFIED.contains(event.getClass());
  }

  /** The notification of {@code entry}, or empty when its event is routine. */
  public static Optional<Notification> of(final Entry entry) {
    if (!notifies(entry.event())) {
      return Optional.empty();
    }
    final Map<String, String> env = new HashMap<>();
    env.put(EVENT, entry.event().getClass().getSimpleName());
    env.put(NODE, entry.node());
    env.put(TIME, TIME_FORMAT.format(instant(entry.timeMicros())));
    env.put(TIME_MICROS, Long.toString(entry.timeMicros()));
    env.put(INDEX, Long.toString(entry.index()));
    describe(entry.event(), env);
    return Optional.of(new Notification(env));
  }

  private static Instant instant(final long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Adds the variables of one of the {@link #NOTIFIED} event types. */
  private static void describe(final Event event, final Map<String, String> env) {
    if (event instanceof NodeUp e) {
      set(env, "node", "up", TARGET, e.node()).put(LINK, e.link());
    } else if (event instanceof NodeDead e) {
      set(env, "node", "dead", TARGET, e.node());
    } else if (event instanceof LinkUp e) {
      set(env, "link", "up", TARGET, e.node()).put(LINK, e.link());
    } else if (event instanceof LinkDead e) {
      set(env, "link", "dead", TARGET, e.node()).put(LINK, e.link());
    } else if (event instanceof GroupStart e) {
      set(env, "group", phase(e.phase(), "starting", "started", "start_failed"), GROUP, e.group());
      detail(env, e.detail());
    } else if (event instanceof GroupStop e) {
      set(env, "group", phase(e.phase(), "stopping", "stopped", "stop_failed"), GROUP, e.group());
      detail(env, e.detail());
    } else if (event instanceof MonitorFailed e) {
      set(env, "group", "monitor_failed", GROUP, e.group()).put(RESOURCE, e.resource());
      detail(env, e.detail());
    } else if (event instanceof Fence e) {
      set(
              env,
              "fence",
              phase(e.phase(), "fence_requested", "fenced", "fence_failed"),
              TARGET,
              e.target())
          .put(AGENT, e.agent());
      detail(env, e.detail());
    } else if (event instanceof PingStatus e) {
      set(env, "ping", e.reachable() ? "reachable" : "unreachable", TARGET, e.group());
      detail(env, e.detail());
    } else if (event instanceof DaemonStarted e) {
      env.put(KIND, "daemon");
      env.put(STATE, "daemon_started");
      detail(env, "version " + e.version() + ", pid " + e.pid());
    } else if (event instanceof DaemonStopped e) {
      env.put(KIND, "daemon");
      env.put(STATE, "daemon_stopped");
      detail(env, e.reason());
    }
  }

  /** Sets the kind, the state and what the transition is about; returns {@code env}. */
  private static Map<String, String> set(
      final Map<String, String> env,
      final String kind,
      final String state,
      final String subjectName,
      final String subject) {
    env.put(KIND, kind);
    env.put(STATE, state);
    env.put(subjectName, subject);
    return env;
  }

  private static String phase(
      final Phase phase, final String requested, final String succeeded, final String failed) {
    return switch (phase) {
      case REQUESTED -> requested;
      case SUCCEEDED -> succeeded;
      case FAILED -> failed;
    };
  }

  private static void detail(final Map<String, String> env, final String detail) {
    if (detail != null && !detail.isEmpty()) {
      env.put(DETAIL, detail);
    }
  }
}
