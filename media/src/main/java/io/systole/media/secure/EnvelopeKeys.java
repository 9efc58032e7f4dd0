package io.systole.media.secure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The modern keys of an authkeys file by slot: the one {@code auth N} names seals outgoing
 * envelopes, and every configured one opens incoming envelopes that name its slot. Rotation without
 * downtime: add the new key on every node (all still seal with the old one and now also open with
 * the new one), switch {@code auth} to the new slot on every node, then remove the old key. A
 * keyring may also be receive-only (the migration state where this node still sends Heartbeat
 * messages). Immutable and safe to share.
 */
public final class EnvelopeKeys {
  private final EnvelopeKey[] bySlot = new EnvelopeKey[EnvelopeLayout.MAX_SLOT + 1];
  private final EnvelopeKey sender;

  private EnvelopeKeys(final int sendSlot, final List<EnvelopeKey> keys) {
    for (final EnvelopeKey k : keys) {
      if (bySlot[k.slot()] != null) {
        throw new IllegalArgumentException("key slot " + k.slot() + " configured twice");
      }
      bySlot[k.slot()] = k;
    }
    if (sendSlot >= 0 && (sendSlot > EnvelopeLayout.MAX_SLOT || bySlot[sendSlot] == null)) {
      throw new IllegalArgumentException("auth " + sendSlot + " names no configured key");
    }
    this.sender = sendSlot < 0 ? null : bySlot[sendSlot];
  }

  /**
   * Seals with slot {@code sendSlot}, opens with any of {@code keys}.
   *
   * @throws IllegalArgumentException if a slot repeats or {@code sendSlot} is not among them
   */
  public static EnvelopeKeys of(final int sendSlot, final EnvelopeKey... keys) {
    if (sendSlot < 0) {
      throw new IllegalArgumentException("auth " + sendSlot + " names no configured key");
    }
    return new EnvelopeKeys(sendSlot, List.of(keys));
  }

  /** Seals with slot {@code sendSlot}, opens with any of {@code keys}. */
  public static EnvelopeKeys of(final int sendSlot, final List<EnvelopeKey> keys) {
    return of(sendSlot, keys.toArray(new EnvelopeKey[0]));
  }

  /** Opens with any of {@code keys} and cannot seal. */
  public static EnvelopeKeys receiveOnly(final List<EnvelopeKey> keys) {
    return new EnvelopeKeys(-1, keys);
  }

  /** Whether one of the keys seals. */
  public boolean canSeal() {
    return sender != null;
  }

  /**
   * The key that seals.
   *
   * @throws IllegalStateException for a receive-only keyring
   */
  public EnvelopeKey sender() {
    if (sender == null) {
      throw new IllegalStateException("receive-only keys: auth names a Heartbeat method");
    }
    return sender;
  }

  /** The key in {@code slot}, or null if none (or out of range). */
  public EnvelopeKey forSlot(final int slot) {
    return slot < 0 || slot >= bySlot.length ? null : bySlot[slot];
  }

  /** Every key, by ascending slot. */
  public List<EnvelopeKey> all() {
    final List<EnvelopeKey> out = new ArrayList<>();
    for (final EnvelopeKey k : bySlot) {
      if (k != null) {
        out.add(k);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    return "EnvelopeKeys[send=" + (sender == null ? "none" : sender.slot()) + ", " + all() + "]";
  }
}
