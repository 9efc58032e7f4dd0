package io.systole.engine.agent;

import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.HeartbeatView;
import java.util.List;

/**
 * The messages a Heartbeat 3.0.6 node expects back from its peers besides their status, as
 * Heartbeat itself sends them (fields in its order, numbers in hex), observed on the wire between
 * two Heartbeat nodes in network namespaces ({@code HeartbeatInteropIT}).
 *
 * <p>{@code repnodes} answers {@code reqnodes}: a Heartbeat node asks every peer it hears for its
 * node list, once a second, and does not bring its communication up ({@code Comm_now_up()}: its
 * status stays {@code up}, its API refuses clients such as {@code cl_status}) until each peer has
 * answered.
 *
 * <p>{@code NS_ackmsg} acknowledges a peer's messages: a node whose status says {@code protocol=1}
 * (flow control, as Systole's does) must acknowledge what it receives, or the sender pauses its API
 * clients once about 250 of its messages are unacknowledged ({@code cl_status} then hangs), and
 * pauses them again as soon as a restarted Systole node reappears.
 */
final class HeartbeatReplies {
  static final byte[] REQNODES = HeartbeatView.ascii("reqnodes");

  private HeartbeatReplies() {}

  /**
   * {@code repnodes} from {@code self} to {@code dest}, with this node's node list: {@code dest=...
   * t=repnodes nodelist="n1 n2 " delnodelist=" "}, then {@code src}, {@code seq}, {@code hg},
   * {@code ts}, {@code ttl} like every sequenced message (each node name followed by a space, and a
   * lone space for no deleted node, exactly as Heartbeat writes them).
   */
  static HeartbeatMessage repnodes(
      final String self,
      final String dest,
      final List<String> nodes,
      final long seq,
      final long generation,
      final int ttl,
      final long nowSeconds) {
    final StringBuilder list = new StringBuilder();
    for (final String n : nodes) {
      list.append(n).append(' ');
    }
    return HeartbeatMessage.builder()
        .add("dest", dest)
        .add("t", "repnodes")
        .add("nodelist", list.toString())
        .add("delnodelist", " ")
        .origin(self, seq, generation, nowSeconds, ttl)
        .build();
  }

  /**
   * {@code NS_ackmsg} from {@code self} to {@code dest}: {@code dest}'s messages received up to
   * {@code ackSeq}. Unsequenced, so no {@code seq}: {@code t=NS_ackmsg dest=... ackseq=...}, then
   * {@code src}, {@code hg}, {@code ts}, {@code ttl}.
   */
  static HeartbeatMessage ack(
      final String self,
      final String dest,
      final long ackSeq,
      final long generation,
      final int ttl,
      final long nowSeconds) {
    return HeartbeatMessage.builder()
        .add("t", "NS_ackmsg")
        .add("dest", dest)
        .add("ackseq", HeartbeatMessage.hex(ackSeq))
        .origin(self, -1, generation, nowSeconds, ttl)
        .build();
  }
}
