package io.systole.engine.state;

import io.systole.engine.policy.Action;
import io.systole.engine.policy.Policy;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's state built as a scenario reads: each step folds an event one second after the one
 * before it, starting at {@link #T0}. The standard layouts have one group per node, {@code gN}
 * preferring {@code haN}: two nodes ha1 ha2 with g1 g2, or three with g1 g2 g3.
 *
 * <p>{@link #settle()} asks the policy until it has nothing left, folding each action's entry as
 * {@link io.systole.engine.agent.ClusterLogic} does, and returns what was done in brief ("claim
 * g1", "start g1", "stop g2", "release g2", "fence ha2").
 */
public final class Scenario {
  /** The time of the first event: 2026-11-25T12:00:00Z. */
  public static final long T0 = micros("2026-11-25T12:00:00Z");

  /** The time between two steps. */
  public static final long STEP = 1_000_000L;

  /** The fencing agent of the layouts with fencing. */
  public static final String AGENT = "external/ipmi";

  private final String self;
  private final List<Event> events = new ArrayList<>();
  private ClusterState state;
  private long next = T0;

  private Scenario(final String self) {
    this.self = self;
    this.state = ClusterState.initial(self);
  }

  /** A scenario seen from node {@code self}, before its journal's first entry. */
  public static Scenario on(final String self) {
    return new Scenario(self);
  }

  /** Epoch microseconds of an ISO instant. */
  public static long micros(final String instant) {
    final Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000L;
  }

  /** A layout over {@code nodes} with one group per node, {@code gN} preferring the N-th. */
  public static ConfigLoaded layout(
      final Failback failback, final String fenceAgent, final String... nodes) {
    return layout(failback, fenceAgent, ConfigLoaded.Guards.NONE, nodes);
  }

  /** {@link #layout(Failback, String, String...)} with the split-brain {@code guards}. */
  public static ConfigLoaded layout(
      final Failback failback,
      final String fenceAgent,
      final ConfigLoaded.Guards guards,
      final String... nodes) {
    final List<ConfigLoaded.Group> groups = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      final String g = "g" + (i + 1);
      groups.add(new ConfigLoaded.Group(g, nodes[i], List.of(g, g + "-fs", g + "-httpd")));
    }
    return new ConfigLoaded(
        "/etc/ha.d", "cafe", List.of(nodes), groups, failback, fenceAgent, guards);
  }

  /** Nodes ha1 and ha2 with one group, {@code group}, preferred by {@code preferred}. */
  public static ConfigLoaded oneGroup(final String group, final String preferred) {
    return new ConfigLoaded(
        "/etc/ha.d",
        "cafe",
        List.of("ha1", "ha2"),
        List.of(new ConfigLoaded.Group(group, preferred, List.of(group))),
        Failback.ON,
        "",
        ConfigLoaded.Guards.NONE);
  }

  /** The daemon starts with {@code config}. */
  public Scenario started(final ConfigLoaded config) {
    return then(new DaemonStarted("test", 4242), config);
  }

  /** The daemon starts in the two-node cluster ha1 ha2 without fencing. */
  public Scenario twoNodes(final Failback failback) {
    return started(layout(failback, "", "ha1", "ha2"));
  }

  /** The daemon starts in the three-node cluster ha1 ha2 ha3 without fencing. */
  public Scenario threeNodes(final Failback failback) {
    return started(layout(failback, "", "ha1", "ha2", "ha3"));
  }

  /** Folds {@code more}, one step apart. */
  public Scenario then(final Event... more) {
    for (final Event e : more) {
      fold(e);
    }
    return this;
  }

  private void fold(final Event e) {
    events.add(e);
    state = Fold.apply(state, next, e);
    next += STEP;
  }

  /** The time the next event will carry. */
  public long nextTime() {
    return next;
  }

  /** Each of {@code nodes} is heard. */
  public Scenario up(final String... nodes) {
    for (final String n : nodes) {
      then(new NodeUp(n, "eth0"));
    }
    return this;
  }

  /** Each of {@code nodes} is heard and announces that it is ready, with no marks. */
  public Scenario peer(final String... nodes) {
    for (final String n : nodes) {
      then(new NodeUp(n, "eth0"), new PeerStatus(n, true, List.of(), List.of(), List.of()));
    }
    return this;
  }

  /** Peer {@code node} announces that it is ready with these marks. */
  public Scenario status(
      final String node,
      final List<String> failed,
      final List<String> standby,
      final List<String> takeover) {
    return then(new PeerStatus(node, true, failed, standby, takeover));
  }

  /** Each of {@code nodes} is declared dead (not heard for 5 s on eth0). */
  public Scenario dead(final String... nodes) {
    for (final String n : nodes) {
      then(
          new NodeDead(
              n, 5 * STEP, false, 0, List.of(new NodeDead.LinkEvidence("eth0", next - 5 * STEP))));
    }
    return this;
  }

  /** Peer {@code node} announces that it holds {@code group}, as its first claim (number 1). */
  public Scenario claims(final String node, final String group) {
    return claims(node, group, 1);
  }

  /** Peer {@code node} announces that it holds {@code group} with claim number {@code term}. */
  public Scenario claims(final String node, final String group, final long term) {
    return then(new PeerClaim(node, group, term));
  }

  /** Peer {@code node} announces that it released {@code group}. */
  public Scenario releases(final String node, final String group) {
    return then(new PeerRelease(node, group));
  }

  /** This node announced, started and runs {@code group} (as the policy and actuator would). */
  public Scenario running(final String group) {
    return then(
        new PeerClaim(self, group, 1),
        new GroupStart(group, Phase.REQUESTED, "test"),
        new GroupStart(group, Phase.SUCCEEDED, "ok"));
  }

  /** The actuator reports that {@code group} started here. */
  public Scenario startSucceeded(final String group) {
    return then(new GroupStart(group, Phase.SUCCEEDED, "ok"));
  }

  /** The actuator reports that {@code group} stopped here. */
  public Scenario stopSucceeded(final String group) {
    return then(new GroupStop(group, Phase.SUCCEEDED, "ok"));
  }

  /** The daemon stops cleanly. */
  public Scenario stopped() {
    return then(new DaemonStopped("shutdown"));
  }

  /** The state now. */
  public ClusterState state() {
    return state;
  }

  /** The events folded so far. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** What the policy asks for now. */
  public List<Action> decide() {
    return Policy.decide(state);
  }

  /** What the policy asks for now, in brief. */
  public List<String> plan() {
    return brief(decide());
  }

  /**
   * Asks the policy until it has nothing left, folding each action's entry; what was done in brief.
   */
  public List<String> settle() {
    return brief(settleActions());
  }

  /** Like {@link #settle()}, returning the actions themselves. */
  public List<Action> settleActions() {
    final List<Action> done = new ArrayList<>();
    for (List<Action> round = decide(); !round.isEmpty(); round = decide()) {
      for (final Action a : round) {
        fold(a.event(self));
        done.add(a);
      }
      if (done.size() > 1000) {
        throw new AssertionError("the policy does not settle: " + brief(done.subList(0, 20)));
      }
    }
    return done;
  }

  /** Actions in brief: "claim g1", "start g1", "stop g1", "release g1", "fence ha2". */
  public static List<String> brief(final List<Action> actions) {
    final List<String> out = new ArrayList<>(actions.size());
    for (final Action a : actions) {
      out.add(brief(a));
    }
    return out;
  }

  /** One action in brief. */
  public static String brief(final Action a) {
    if (a instanceof Action.StartGroup x) {
      return "start " + x.group();
    }
    if (a instanceof Action.StopGroup x) {
      return "stop " + x.group();
    }
    if (a instanceof Action.AnnounceClaim x) {
      return "claim " + x.group();
    }
    if (a instanceof Action.AnnounceRelease x) {
      return "release " + x.group();
    }
    return "fence " + ((Action.RequestFence) a).node();
  }

  @Override
  public String toString() {
    return "scenario on " + self + ": " + events;
  }
}
