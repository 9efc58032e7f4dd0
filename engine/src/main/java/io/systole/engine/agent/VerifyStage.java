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
 * status message, and what it announces; or why it must be dropped. A frame is a Heartbeat message
 * (checked with the authkeys' Heartbeat keys) or, when the node has Systole keys, an envelope whose
 * tag is checked first and whose payload is then read the same way; where authkeys has no Heartbeat
 * key, a Heartbeat message is dropped as {@link Drop#UNSEALED}. Runs on {@code systole-verify},
 * ahead of the cluster logic.
 */
final class VerifyStage implements EventHandler<InboundSlot> {
  private HeartbeatView plain;
  private HeartbeatView inner;
  private EnvelopeReader envelopes;
  private final NodeNames names;
  private final int self;
  private final boolean[] serial;
  private final StatusMessages statuses;

  /**
   * A stage that reads Heartbeat messages signed with {@code keys} (null: this node accepts none)
   * and, when {@code envelopes} is not null, Systole envelopes.
   */
  VerifyStage(
      final AuthKeys keys,
      final EnvelopeReader envelopes,
      final NodeNames names,
      final int self,
      final List<LinkConfig> links) {
    this.plain = keys == null ? null : new HeartbeatView(keys, names);
    this.inner = envelopes == null ? null : new HeartbeatView(HeartbeatKeys.inner(), names);
    this.envelopes = envelopes;
    this.names = names;
    this.self = self;
    this.serial = new boolean[links.size()];
    for (int i = 0; i < serial.length; i++) {
      serial[i] = links.get(i) instanceof LinkConfig.Serial;
    }
    this.statuses = new StatusMessages(names.size());
  }

  /** A stage for Heartbeat messages only. */
  VerifyStage(
      final AuthKeys keys, final NodeNames names, final int self, final List<LinkConfig> links) {
    this(keys, null, names, self, links);
  }

  /**
   * Checks with {@code keys} from now on (a reloaded authkeys). Envelope senders' replay windows
   * stay while this node keeps Systole keys.
   */
  void useKeys(final WireKeys keys, final java.time.InstantSource clock) {
    plain = keys.heartbeat() == null ? null : new HeartbeatView(keys.heartbeat(), names);
    if (keys.envelopes() == null) {
      envelopes = null;
      inner = null;
    } else if (envelopes == null) {
      envelopes = new EnvelopeReader(keys.envelopes(), clock);
      inner = new HeartbeatView(HeartbeatKeys.inner(), names);
    } else {
      envelopes.useKeys(keys.envelopes());
    }
  }

  @Override
  public void onEvent(final InboundSlot slot, final long sequence, final boolean endOfBatch) {
    if (slot.kind == InboundSlot.Kind.KEYS) {
      useKeys(slot.keys, java.time.InstantSource.system());
      return;
    }
    if (slot.kind != InboundSlot.Kind.FRAME) {
      return;
    }
    final HeartbeatView view = envelopes == null ? readPlain(slot) : readEither(slot);
    if (view == null) {
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
    if (view == inner && !names.name(sender).equals(envelopes.sender())) {
      slot.drop = Drop.BAD_AUTH; // sealed by one node, claiming to come from another
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
    slot.resource =
        slot.status || slot.seq < 0 ? null : io.systole.engine.heartbeat.ResourceMessage.read(view);
  }

  /** Wraps a Heartbeat message with {@link #plain}; null (with the slot's drop set) when bad. */
  private HeartbeatView readPlain(final InboundSlot slot) {
    if (plain == null) {
      slot.drop = Drop.UNSEALED;
      return null;
    }
    final boolean ok =
        serial[slot.link]
            ? plain.wrapClassic(slot.data, 0, slot.length)
            : plain.wrapNetstring(slot.data, 0, slot.length);
    if (!ok) {
      slot.drop = drop(plain.reason());
      return null;
    }
    return plain;
  }

  /** An envelope's message in {@link #inner}, or else a Heartbeat message as {@link #readPlain}. */
  private HeartbeatView readEither(final InboundSlot slot) {
    final Drop opened;
    if (serial[slot.link]) {
      if (!inner.wrapClassic(slot.data, 0, slot.length) || !inner.typeIs(EnvelopeReader.SY_ENV)) {
        return readPlain(slot);
      }
      opened = envelopes.openSerial(inner);
    } else {
      if (!EnvelopeReader.isEnvelope(slot.data, slot.length)) {
        return readPlain(slot);
      }
      opened = envelopes.openDatagram(slot.data, slot.length);
    }
    if (opened != null) {
      slot.drop = opened;
      return null;
    }
    if (!inner.wrapNetstring(envelopes.payload(), 0, envelopes.payloadLength())) {
      slot.drop = Drop.MALFORMED;
      return null;
    }
    return inner;
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
