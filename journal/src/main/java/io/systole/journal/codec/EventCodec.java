package io.systole.journal.codec;

import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.Checkpoint;
import io.systole.journal.event.Coded;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.DaemonStopping;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.MonitorFailed;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeDead.LinkEvidence;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.PingStatus;
import io.systole.journal.event.Quorum;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.event.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads the payload of each event type: its fields in declaration order. The header and
 * trailer around it are {@link FrameEncoder}'s and {@link FrameDecoder}'s.
 */
public final class EventCodec {
  private static final Phase[] PHASES = Phase.values();
  private static final Scope[] SCOPES = Scope.values();
  private static final Failback[] FAILBACKS = Failback.values();
  private static final Quorum[] QUORUMS = Quorum.values();

  private EventCodec() {}

  /** Writes the fields of {@code event}, whose type is {@code type}. */
  public static void encode(final EventType type, final Event event, final FrameWriter w) {
    switch (type) {
      case NODE_UP -> nodeLink(((NodeUp) event).node(), ((NodeUp) event).link(), w);
      case NODE_WARN -> {
        final NodeWarn e = (NodeWarn) event;
        nodeLink(e.node(), e.link(), w);
        w.i64(e.lastHeardMicros());
        w.i64(e.lateByMicros());
      }
      case NODE_DEAD -> encodeNodeDead((NodeDead) event, w);
      case LINK_UP -> nodeLink(((LinkUp) event).node(), ((LinkUp) event).link(), w);
      case LINK_DEAD -> {
        final LinkDead e = (LinkDead) event;
        nodeLink(e.node(), e.link(), w);
        w.i64(e.lastHeardMicros());
        w.i64(e.deadtimeMicros());
      }
      case GROUP_START -> {
        final GroupStart e = (GroupStart) event;
        encodePhased(e.group(), e.phase(), e.detail(), w);
      }
      case GROUP_STOP -> {
        final GroupStop e = (GroupStop) event;
        encodePhased(e.group(), e.phase(), e.detail(), w);
      }
      case RESOURCE_START -> {
        final ResourceStart e = (ResourceStart) event;
        w.string(e.group());
        encodePhased(e.resource(), e.phase(), e.detail(), w);
      }
      case RESOURCE_STOP -> {
        final ResourceStop e = (ResourceStop) event;
        w.string(e.group());
        encodePhased(e.resource(), e.phase(), e.detail(), w);
      }
      case MONITOR_FAILED -> {
        final MonitorFailed e = (MonitorFailed) event;
        w.string(e.group());
        w.string(e.resource());
        w.string(e.detail());
      }
      case PEER_CLAIM -> {
        final PeerClaim e = (PeerClaim) event;
        nodeLink(e.node(), e.group(), w);
        w.i64(e.term());
      }
      case PEER_RELEASE -> nodeLink(((PeerRelease) event).node(), ((PeerRelease) event).group(), w);
      case PEER_STATUS -> encodePeerStatus((PeerStatus) event, w);
      case ADMIN_STANDBY -> {
        final AdminStandby e = (AdminStandby) event;
        encodeAdmin(e.node(), e.scope(), e.origin(), w);
      }
      case ADMIN_TAKEOVER -> {
        final AdminTakeover e = (AdminTakeover) event;
        encodeAdmin(e.node(), e.scope(), e.origin(), w);
      }
      case ADMIN_CLEANUP -> {
        final AdminCleanup e = (AdminCleanup) event;
        w.string(e.node());
        w.string(e.group());
        w.string(e.origin());
      }
      case FENCE -> {
        final Fence e = (Fence) event;
        w.string(e.target());
        w.string(e.agent());
        w.u8(checkedCode(e.phase()));
        w.string(e.detail());
      }
      case PING_STATUS -> {
        final PingStatus e = (PingStatus) event;
        w.string(e.group());
        w.bool(e.reachable());
        w.string(e.detail());
      }
      case CONFIG_LOADED -> encodeConfig((ConfigLoaded) event, w);
      case DAEMON_STARTED -> {
        w.string(((DaemonStarted) event).version());
        w.i64(((DaemonStarted) event).pid());
      }
      case DAEMON_STOPPED -> w.string(((DaemonStopped) event).reason());
      case DAEMON_STOPPING -> w.string(((DaemonStopping) event).reason());
      case CHECKPOINT -> {
        final Checkpoint e = (Checkpoint) event;
        w.i64(e.signedIndex());
        w.string(e.digest());
        w.string(e.key());
        w.string(e.signature());
      }
    }
  }

  /**
   * Reads an event of {@code type} at version {@code version}; the caller has checked that this
   * build knows both.
   */
  public static Event decode(final EventType type, final int version, final FrameReader r) {
    return switch (type) {
      case NODE_UP -> new NodeUp(r.string(), r.string());
      case NODE_WARN -> new NodeWarn(r.string(), r.string(), r.i64(), r.i64());
      case NODE_DEAD -> decodeNodeDead(r);
      case LINK_UP -> new LinkUp(r.string(), r.string());
      case LINK_DEAD -> new LinkDead(r.string(), r.string(), r.i64(), r.i64());
      case GROUP_START -> new GroupStart(r.string(), phase(r), r.string());
      case GROUP_STOP -> new GroupStop(r.string(), phase(r), r.string());
      case RESOURCE_START -> new ResourceStart(r.string(), r.string(), phase(r), r.string());
      case RESOURCE_STOP -> new ResourceStop(r.string(), r.string(), phase(r), r.string());
      case MONITOR_FAILED -> new MonitorFailed(r.string(), r.string(), r.string());
      case PEER_CLAIM -> new PeerClaim(r.string(), r.string(), version == 1 ? 0 : r.i64());
      case PEER_RELEASE -> new PeerRelease(r.string(), r.string());
      case PEER_STATUS -> decodePeerStatus(version, r);
      case ADMIN_STANDBY -> new AdminStandby(r.string(), scope(r), r.string());
      case ADMIN_TAKEOVER -> new AdminTakeover(r.string(), scope(r), r.string());
      case ADMIN_CLEANUP -> new AdminCleanup(r.string(), r.string(), r.string());
      case FENCE -> new Fence(r.string(), r.string(), phase(r), r.string());
      case PING_STATUS -> new PingStatus(r.string(), r.bool(), r.string());
      case CONFIG_LOADED -> decodeConfig(version, r);
      case DAEMON_STARTED -> new DaemonStarted(r.string(), r.i64());
      case DAEMON_STOPPED -> new DaemonStopped(r.string());
      case DAEMON_STOPPING -> new DaemonStopping(r.string());
      case CHECKPOINT -> new Checkpoint(r.i64(), r.string(), r.string(), r.string());
    };
  }

  /** Two strings: a node and what it concerns (a link, or a group). */
  private static void nodeLink(final String node, final String what, final FrameWriter w) {
    w.string(node);
    w.string(what);
  }

  private static void encodeNodeDead(final NodeDead e, final FrameWriter w) {
    w.string(e.node());
    w.i64(e.deadtimeMicros());
    w.bool(e.initdeadInForce());
    w.i32(e.heartbeatsInWindow());
    w.count(e.links().size());
    for (final LinkEvidence link : e.links()) {
      w.string(link.link());
      w.i64(link.lastHeardMicros());
    }
  }

  private static NodeDead decodeNodeDead(final FrameReader r) {
    final String node = r.string();
    final long deadtime = r.i64();
    final boolean initdead = r.bool();
    final int heartbeats = r.i32();
    final int count = r.u16();
    final List<LinkEvidence> links = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      links.add(new LinkEvidence(r.string(), r.i64()));
    }
    return new NodeDead(node, deadtime, initdead, heartbeats, links);
  }

  private static void encodeConfig(final ConfigLoaded e, final FrameWriter w) {
    w.string(e.source());
    w.string(e.sha256());
    strings(e.nodes(), w);
    w.count(e.groups().size());
    for (final ConfigLoaded.Group g : e.groups()) {
      w.string(g.name());
      w.string(g.preferredNode());
      strings(g.resources(), w);
    }
    w.u8(checkedCode(e.failback()));
    w.string(e.fenceAgent());
    final ConfigLoaded.Guards guards = e.guards();
    w.u8(checkedCode(guards.quorum()));
    w.count(guards.votes().size());
    for (final int votes : guards.votes()) {
      w.i32(votes);
    }
    w.string(guards.tiebreaker());
    w.i64(guards.fenceDelayMicros());
    strings(guards.pingGroups(), w);
  }

  private static void encodePeerStatus(final PeerStatus e, final FrameWriter w) {
    w.string(e.node());
    w.bool(e.ready());
    strings(e.failed(), w);
    strings(e.standby(), w);
    strings(e.takeover(), w);
    strings(e.hears(), w);
    strings(e.pings(), w);
    w.bool(e.leaving());
  }

  private static PeerStatus decodePeerStatus(final int version, final FrameReader r) {
    final String node = r.string();
    final boolean ready = r.bool();
    final List<String> failed = strings(r);
    final List<String> standby = strings(r);
    final List<String> takeover = strings(r);
    if (version == 1) {
      return new PeerStatus(node, ready, failed, standby, takeover);
    }
    return new PeerStatus(node, ready, failed, standby, takeover, strings(r), strings(r), r.bool());
  }

  private static ConfigLoaded decodeConfig(final int version, final FrameReader r) {
    final String source = r.string();
    final String sha256 = r.string();
    if (version == 1) {
      return new ConfigLoaded(source, sha256);
    }
    final List<String> nodes = strings(r);
    final int count = r.u16();
    final List<ConfigLoaded.Group> groups = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      groups.add(new ConfigLoaded.Group(r.string(), r.string(), strings(r)));
    }
    final Failback failback = coded(FAILBACKS, r);
    final String fenceAgent = r.string();
    if (version == 2) {
      return new ConfigLoaded(source, sha256, nodes, groups, failback, fenceAgent);
    }
    final Quorum quorum = coded(QUORUMS, r);
    final int voteCount = r.u16();
    final List<Integer> votes = new ArrayList<>(Math.min(voteCount, 64));
    for (int i = 0; i < voteCount; i++) {
      votes.add(r.i32());
    }
    final ConfigLoaded.Guards guards =
        new ConfigLoaded.Guards(quorum, votes, r.string(), r.i64(), strings(r));
    return new ConfigLoaded(source, sha256, nodes, groups, failback, fenceAgent, guards);
  }

  private static void strings(final List<String> values, final FrameWriter w) {
    w.count(values.size());
    for (final String value : values) {
      w.string(value);
    }
  }

  private static List<String> strings(final FrameReader r) {
    final int count = r.u16();
    final List<String> values = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      values.add(r.string());
    }
    return values;
  }

  private static void encodePhased(
      final String subject, final Phase phase, final String detail, final FrameWriter w) {
    w.string(subject);
    w.u8(checkedCode(phase));
    w.string(detail);
  }

  private static void encodeAdmin(
      final String node, final Scope scope, final String origin, final FrameWriter w) {
    w.string(node);
    w.u8(checkedCode(scope));
    w.string(origin);
  }

  private static int checkedCode(final Coded value) {
    if (value == null) {
      throw new IllegalArgumentException("a journal enum field is null");
    }
    return value.code();
  }

  private static Phase phase(final FrameReader r) {
    return coded(PHASES, r);
  }

  private static Scope scope(final FrameReader r) {
    return coded(SCOPES, r);
  }

  private static <E extends Enum<E> & Coded> E coded(final E[] values, final FrameReader r) {
    final int code = r.u8();
    try {
      return Coded.ofCode(values, code);
    } catch (IllegalArgumentException e) {
      throw r.corrupt(e.getMessage());
    }
  }
}
