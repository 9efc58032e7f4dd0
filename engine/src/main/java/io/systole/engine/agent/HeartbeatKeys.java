package io.systole.engine.agent;

import io.systole.engine.config.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The keys a node signs and checks Heartbeat-format messages with: the Heartbeat methods (crc, md5,
 * sha1) of an authkeys file for plain messages, and the fixed {@link #inner()} keys for messages
 * that travel inside Systole envelopes.
 */
final class HeartbeatKeys {
  /** The index of the inner crc key; it never appears outside an envelope's sealed payload. */
  static final int INNER_INDEX = 0;

  private HeartbeatKeys() {}

  /**
   * The Heartbeat-method keys of {@code keys}, signing with the active key when it is one of them
   * (otherwise with the lowest, which then only ever checks); null when the file has none, so this
   * node accepts sealed envelopes only.
   */
  static io.systole.media.auth.AuthKeys of(final AuthKeys keys) {
    final List<Authenticator> all = new ArrayList<>();
    int sendIndex = -1;
    for (final Map.Entry<Integer, AuthKeys.Key> e :
        new java.util.TreeMap<>(keys.keys()).entrySet()) {
      final AuthKeys.Key k = e.getValue();
      final AuthMethod method =
          switch (k.method()) {
            case CRC -> AuthMethod.CRC;
            case MD5 -> AuthMethod.MD5;
            case SHA1 -> AuthMethod.SHA1;
            default -> null;
          };
      if (method != null) {
        all.add(Authenticator.of(e.getKey(), method, method == AuthMethod.CRC ? null : k.secret()));
        if (sendIndex < 0 || e.getKey() == keys.activeIndex()) {
          sendIndex = e.getKey();
        }
      }
    }
    return all.isEmpty()
        ? null
        : io.systole.media.auth.AuthKeys.of(sendIndex, all.toArray(new Authenticator[0]));
  }

  /**
   * The keys of a message inside an envelope: crc, for the framing's sake only. The envelope's tag
   * is what authenticates; the inner message is an ordinary Heartbeat message so the one
   * allocation-free reader parses both kinds.
   */
  static io.systole.media.auth.AuthKeys inner() {
    return io.systole.media.auth.AuthKeys.of(
        INNER_INDEX, Authenticator.of(INNER_INDEX, AuthMethod.CRC, null));
  }
}
