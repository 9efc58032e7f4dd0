package io.systole.engine.agent;

import com.lmax.disruptor.EventHandler;
import io.systole.media.LinkConfig;
import io.systole.media.auth.AuthKeys;
import io.systole.media.wire.HeartbeatView;
import io.systole.media.wire.NodeNames;
import java.util.List;

/**
 * The inbound ring's first stage: decodes and authenticates each frame in place, without
 * allocating, and writes into the slot who sent it, its generation and sequence, whether it is a
 * status message, and what it announces; or why it must be dropped. Runs on {@code systole-verify},
 * ahead of the cluster logic.
 */
final class VerifyStage implements EventHandler<InboundSlot> {
  private final HeartbeatView view;
  private final NodeNames names;
  private final int self;
  private final boolean[] serial;
  private final StatusMessages statuses;

  VerifyStage(
      final AuthKeys keys, final NodeNames names, final int self, final List<LinkConfig> links) {
    this.view = new HeartbeatView(keys, names);
    this.names = names;
    this.self = self;
    this.serial = new boolean[links.size()];
    for (int i = 0; i < serial.length; i++) {
      serial[i] = links.get(i) instanceof LinkConfig.Serial;
    }
    this.statuses = new StatusMessages(names.size());
  }

  @Override
  public void onEvent(final InboundSlot slot, final long sequence, final boolean endOfBatch) {
    if (slot.kind != InboundSlot.Kind.FRAME) {
      return;
    }
    final boolean ok =
        serial[slot.link]
            ? view.wrapClassic(slot.data, 0, slot.length)
            : view.wrapNetstring(slot.data, 0, slot.length);
    if (!ok) {
      slot.drop = drop(view.reason());
      return;
    }
    final int sender = view.sourceNode();
    if (sender < 0) {
      slot.drop = Drop.UNKNOWN_NODE;
      return;
    }
    if (sender == self) {
      slot.drop = Drop.OWN;
      return;
    }
    if (view.destField() >= 0 && view.destNode() != self) {
      slot.drop = Drop.NOT_FOR_US;
      return;
    }
    slot.sender = sender;
    slot.generation = view.generation();
    slot.seq = view.seq();
    slot.status = view.typeIs(StatusMessages.STATUS);
    slot.reqnodes = view.destField() >= 0 && view.typeIs(HeartbeatReplies.REQNODES);
    slot.announcement = slot.status ? statuses.read(view, sender, names.name(sender)) : null;
  }

  private static Drop drop(final io.systole.media.wire.WireFormatException.Reason reason) {
    return switch (reason) {
      case TRUNCATED -> Drop.TRUNCATED;
      case OVERSIZED -> Drop.OVERSIZED;
      case MISSING_AUTH -> Drop.MISSING_AUTH;
      case UNKNOWN_KEY_INDEX -> Drop.UNKNOWN_KEY;
      case BAD_AUTH -> Drop.BAD_AUTH;
      default -> Drop.MALFORMED;
    };
  }
}
