package io.systole.engine.agent;

import io.systole.engine.config.AuthKeys;
import io.systole.media.auth.AuthMethod;
import io.systole.media.auth.Authenticator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Heartbeat-compatible signing keys (crc, md5, sha1) of an authkeys file, for the wire. */
final class HeartbeatKeys {
  private HeartbeatKeys() {}

  static io.systole.media.auth.AuthKeys of(final AuthKeys keys) {
    final List<Authenticator> all = new ArrayList<>();
    for (final Map.Entry<Integer, AuthKeys.Key> e : keys.keys().entrySet()) {
      final AuthKeys.Key k = e.getValue();
      final AuthMethod method =
          switch (k.method()) {
            case CRC -> AuthMethod.CRC;
            case MD5 -> AuthMethod.MD5;
            case SHA1 -> AuthMethod.SHA1;
            default -> null;
          };
      if (method != null) {
        all.add(Authenticator.of(e.getKey(), method, k.secret()));
      }
    }
    return io.systole.media.auth.AuthKeys.of(keys.activeIndex(), all.toArray(new Authenticator[0]));
  }
}
