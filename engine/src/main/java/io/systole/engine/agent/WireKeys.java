package io.systole.engine.agent;

import io.systole.media.auth.AuthKeys;
import io.systole.media.secure.EnvelopeKeys;

/**
 * The keys of one authkeys file as the wire stages use them: the Heartbeat keys that sign or check
 * plain messages (null when the file has none), the Systole keys that open envelopes (null when it
 * has none), and whether this node seals what it sends. Handed to the verify and send stages
 * through their rings, so each switches keys on its own thread between two messages. Each thread
 * gets a set of its own ({@link #of} builds new ones): authenticators and envelope keys keep digest
 * and cipher state, and two threads using one would corrupt each other's signatures.
 *
 * @param heartbeat the Heartbeat-method keys, or null
 * @param envelopes the Systole keys, or null
 * @param seals whether {@code auth N} names a Systole key
 */
record WireKeys(AuthKeys heartbeat, EnvelopeKeys envelopes, boolean seals) {
  /** The wire keys of an authkeys file. */
  static WireKeys of(final io.systole.engine.config.AuthKeys keys) {
    return new WireKeys(
        HeartbeatKeys.of(keys),
        keys.hasSystoleKeys() ? keys.envelopeKeys() : null,
        keys.sendsEnvelopes());
  }

  /** What a serial link forwards: envelopes' carriers, or Heartbeat messages. */
  AuthKeys forwarding() {
    return seals ? HeartbeatKeys.inner() : heartbeat;
  }
}
