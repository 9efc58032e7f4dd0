package io.systole.engine.config;

import io.systole.engine.config.AuthKeys.Key;
import io.systole.engine.config.AuthKeys.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads authkeys as Heartbeat does: {@code auth N} picks the signing key, {@code N METHOD SECRET}
 * lines define keys 0..15 with crc (no secret), md5 or sha1 (a secret). The file's permissions are
 * checked by the loader. Messages never contain a secret.
 */
final class AuthKeysParser {
  static final String FILE = "authkeys";

  private final Diagnostics diagnostics;

  AuthKeysParser(final Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The keys, or null when the file defines no usable signing key. */
  AuthKeys parse(final List<String> lines) {
    final Map<Integer, Key> keys = new HashMap<>();
    int active = -1;
    int activeLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      final int line = i + 1;
      String text = lines.get(i);
      final int hash = text.indexOf('#');
      text = (hash >= 0 ? text.substring(0, hash) : text).strip();
      if (text.isEmpty()) {
        continue;
      }
      final String[] w = text.split("\\s+");
      if (w[0].equalsIgnoreCase("auth")) {
        if (w.length != 2) {
          diagnostics.error(FILE, line, "write auth N, the index of the key that signs");
          continue;
        }
        active = index(line, w[1]);
        activeLine = line;
        continue;
      }
      final int index = index(line, w[0]);
      if (index < 0) {
        continue;
      }
      final Key key = key(line, index, w);
      if (key != null) {
        if (keys.put(index, key) != null) {
          diagnostics.warn(FILE, line, "key " + index + " is defined again; this line wins");
        }
      }
    }
    if (activeLine == 0) {
      diagnostics.error(FILE, 0, "no auth line: add auth N to pick the key that signs");
      return null;
    }
    if (active >= 0 && !keys.containsKey(active)) {
      diagnostics.error(
          FILE,
          activeLine,
          "auth " + active + " names no key: define it as " + active + " sha1 SECRET");
      return null;
    }
    return active < 0 ? null : new AuthKeys(active, keys);
  }

  private int index(final int line, final String text) {
    try {
      return Values.integer(text, 0, 15);
    } catch (ConfigValueException e) {
      diagnostics.error(FILE, line, "key index " + e.getMessage() + " (keys are 0..15)");
      return -1;
    }
  }

  private Key key(final int line, final int index, final String[] w) {
    if (w.length < 2) {
      diagnostics.error(FILE, line, "key " + index + " needs a method: crc, md5 or sha1");
      return null;
    }
    final Method method;
    try {
      method = Method.valueOf(w[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      diagnostics.error(
          FILE, line, "key " + index + ": unknown method '" + w[1] + "'; use crc, md5 or sha1");
      return null;
    }
    final String secret = w.length > 2 ? w[2] : "";
    if (method == Method.CRC && !secret.isEmpty()) {
      diagnostics.error(FILE, line, "key " + index + ": crc takes no secret; remove it");
      return null;
    }
    if (method != Method.CRC && secret.isEmpty()) {
      diagnostics.error(
          FILE,
          line,
          "key " + index + ": " + w[1] + " needs a secret: " + index + " " + w[1] + " SECRET");
      return null;
    }
    if (w.length > 3) {
      diagnostics.warn(
          FILE, line, "key " + index + ": a secret is one word; what follows it is ignored");
    }
    return new Key(index, method, secret);
  }
}
