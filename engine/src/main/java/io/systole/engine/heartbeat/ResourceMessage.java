package io.systole.engine.heartbeat;

import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.HeartbeatView;
import java.nio.charset.StandardCharsets;

/**
 * One message of Heartbeat 3.0.6's resource protocol (haresources mode), as a Heartbeat node sends
 * and expects it ({@code shared/heartbeat/PROTOCOL.md} §8–10): {@code starting} when its links came
 * up, {@code resource} reports of what it holds ({@code rsc_hold}, {@code rtype=full}, {@code
 * isstable}, {@code info}), the {@code ask_resources} standby exchange ({@code info=me}, {@code
 * other}, {@code done}), {@code hb_takeover}, {@code stonith} after a death, {@code shutdone}, and
 * the legacy {@code ip-request}, which Systole recognises only to refuse. Rare next to heartbeats,
 * so reading one allocates.
 *
 * @param hold the set, relative to the sender (null where the type has none)
 * @param full {@code rtype=full}: the set replaces what was known, else it adds to it
 * @param stable {@code isstable=1}: the sender finished its resource transition
 * @param info the free comment ({@code me}, {@code other}, {@code done}, {@code standby}, {@code
 *     shutdown}, ...), empty when absent
 * @param node for {@code stonith}: the node that was (or would have been) fenced; else empty
 * @param result for {@code stonith}: {@code OK}, {@code bad}, {@code n_stnth}, ...; else empty
 */
public record ResourceMessage(
    Type type,
    ResourceSet hold,
    boolean full,
    boolean stable,
    String info,
    String node,
    String result) {

  /** The message types of the resource protocol. */
  public enum Type {
    STARTING("starting"),
    RESOURCE("resource"),
    ASK_RESOURCES("ask_resources"),
    HB_TAKEOVER("hb_takeover"),
    STONITH("stonith"),
    SHUTDONE("shutdone"),
    IP_REQUEST("ip-request");

    private final String wire;
    private final byte[] bytes;

    Type(final String wire) {
      this.wire = wire;
      this.bytes = HeartbeatView.ascii(wire);
    }

    /** The value of {@code t}. */
    public String wire() {
      return wire;
    }
  }

  private static final byte[] RSC_HOLD = HeartbeatView.ascii("rsc_hold");
  private static final byte[] RTYPE = HeartbeatView.ascii("rtype");
  private static final byte[] ISSTABLE = HeartbeatView.ascii("isstable");
  private static final byte[] INFO = HeartbeatView.ascii("info");
  private static final byte[] NODE = HeartbeatView.ascii("node");
  private static final byte[] RESULT = HeartbeatView.ascii("result");
  private static final byte[] IPADDR = HeartbeatView.ascii("ipaddr");

  /** {@code starting}. */
  public static ResourceMessage starting() {
    return new ResourceMessage(Type.STARTING, null, false, false, "", "", "");
  }

  /** A full {@code resource} report. */
  public static ResourceMessage resource(
      final ResourceSet hold, final boolean stable, final String info) {
    return new ResourceMessage(Type.RESOURCE, hold, true, stable, info, "", "");
  }

  /** {@code ask_resources} with {@code info} {@code me}, {@code other} or {@code done}. */
  public static ResourceMessage ask(final ResourceSet hold, final String info) {
    return new ResourceMessage(Type.ASK_RESOURCES, hold, false, false, info, "", "");
  }

  /** {@code hb_takeover}: asks the peer to give {@code hold} (relative to the sender) up. */
  public static ResourceMessage takeover(final ResourceSet hold) {
    return new ResourceMessage(Type.HB_TAKEOVER, hold, false, false, "", "", "");
  }

  /** {@code stonith}: what fencing of {@code node} came to. */
  public static ResourceMessage stonith(final String node, final String result) {
    return new ResourceMessage(Type.STONITH, null, false, false, "", node, result);
  }

  /** {@code shutdone}: the sender gave everything up and stops. */
  public static ResourceMessage shutdone() {
    return new ResourceMessage(Type.SHUTDONE, null, false, false, "", "", "");
  }

  /** The resource-protocol message {@code view} holds, or null when it holds another type. */
  public static ResourceMessage read(final HeartbeatView view) {
    Type type = null;
    for (final Type t : Type.values()) {
      if (view.typeIs(t.bytes)) {
        type = t;
        break;
      }
    }
    if (type == null) {
      return null;
    }
    final String hold = text(view, RSC_HOLD);
    final String info = type == Type.IP_REQUEST ? text(view, IPADDR) : text(view, INFO);
    return new ResourceMessage(
        type,
        hold.isEmpty() ? null : ResourceSet.of(hold),
        "full".equals(text(view, RTYPE)),
        "1".equals(text(view, ISSTABLE)),
        info,
        text(view, NODE),
        text(view, RESULT));
  }

  private static String text(final HeartbeatView view, final byte[] name) {
    final int f = view.indexOf(name);
    if (f < 0) {
      return "";
    }
    return new String(
        view.buffer(), view.valueOffset(f), view.valueLength(f), StandardCharsets.UTF_8);
  }

  /**
   * The message as node {@code self} sends it: the type's own fields in Heartbeat's order, then
   * {@code src}, {@code seq}, {@code hg}, {@code ts}, {@code ttl}, numbers in hex.
   */
  public HeartbeatMessage encode(
      final String self, final long seq, final long generation, final int ttl, final long now) {
    final HeartbeatMessage.Builder b = HeartbeatMessage.builder().add("t", type.wire());
    switch (type) {
      case RESOURCE -> {
        b.add("rsc_hold", hold.wire());
        if (full) {
          b.add("rtype", "full");
        }
        b.add("isstable", stable ? "1" : "0");
        addInfo(b);
      }
      case ASK_RESOURCES, HB_TAKEOVER -> {
        b.add("rsc_hold", hold.wire());
        addInfo(b);
      }
      case STONITH -> b.add("node", node).add("result", result);
      case STARTING, SHUTDONE, IP_REQUEST -> {}
    }
    return b.origin(self, seq, generation, now, ttl).build();
  }

  private void addInfo(final HeartbeatMessage.Builder b) {
    if (!info.isEmpty()) {
      b.add("info", info);
    }
  }

  /** The message as a log shows it: {@code resource rsc_hold=all rtype=full isstable=1}. */
  @Override
  public String toString() {
    final StringBuilder s = new StringBuilder(type.wire());
    if (hold != null) {
      s.append(" rsc_hold=").append(hold.wire());
    }
    if (type == Type.RESOURCE) {
      s.append(full ? " rtype=full" : "").append(" isstable=").append(stable ? 1 : 0);
    }
    if (!info.isEmpty()) {
      s.append(type == Type.IP_REQUEST ? " ipaddr=" : " info=").append(info);
    }
    if (!node.isEmpty()) {
      s.append(" node=").append(node).append(" result=").append(result);
    }
    return s.toString();
  }
}
