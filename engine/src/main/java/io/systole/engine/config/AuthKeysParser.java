package io.systole.engine.config;

import io.systole.engine.config.AuthKeys.Key;
import io.systole.engine.config.AuthKeys.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads authkeys as Heartbeat does, plus Systole's two methods. The file permissions are checked by
 * the loader. No message ever contains a secret, nor a word that might be one.
 *
 * <p><b>Heartbeat's syntax</b>: {@code auth N} picks the signing key; {@code N METHOD [SECRET]}
 * lines define keys 0..15 with {@code crc} (no secret), {@code md5} or {@code sha1} (a secret: one
 * word; more words are ignored).
 *
 * <p><b>Systole's methods</b>, for clusters of Systole nodes only: {@code N systole-hmac-sha256
 * SECRET} (envelopes authenticated with HMAC-SHA256, payload in clear) and {@code N
 * systole-aes256-gcm SECRET} (payload encrypted and authenticated with AES-256-GCM). Both carry a
 * generation persisted across restarts and a sequence number checked against a replay window. The
 * {@code systole-} prefix cannot clash with a Heartbeat method name; Heartbeat refuses a file that
 * contains one ({@code Invalid authtype}). A secret below about 128 random bits by a rough estimate
 * gets a warning ({@code openssl rand -base64 32} makes a good one).
 *
 * <p><b>Key rotation</b>: {@code auth N} names the key that seals; every other Systole key is
 * accepted for receiving. Add the new key on every node, switch {@code auth} on every node, remove
 * the old key. More than two Systole keys get a warning.
 *
 * <p><b>Mixing Heartbeat and Systole methods</b> is the migration state, allowed with a warning at
 * the {@code auth} line: with {@code auth} on a Heartbeat method the node still sends Heartbeat
 * messages and also opens envelopes; with {@code auth} on a Systole method it sends envelopes and
 * still accepts Heartbeat messages signed with the md5/sha1 keys. A {@code crc} key next to a
 * Systole {@code auth} is an error: the node would accept messages anyone can forge.
 */
final class AuthKeysParser {
  static final String FILE = "authkeys";

  /** The methods, as the messages list them. */
  private static final String METHODS = "crc, md5, sha1, systole-hmac-sha256 or systole-aes256-gcm";

  private static final int STRONG_BITS = 128;
  private static final int MAX_SYSTOLE_KEYS = 2;

  private final Diagnostics diagnostics;

  AuthKeysParser(final Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The keys, or null when the file defines no usable signing key. */
  AuthKeys parse(final List<String> lines) {
    final Map<Integer, Key> keys = new HashMap<>();
    final Map<Integer, Integer> lineOf = new HashMap<>();
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
        lineOf.put(index, line);
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
    if (active < 0) {
      return null;
    }
    checkSystoleKeys(keys, lineOf, active, activeLine);
    return new AuthKeys(active, keys);
  }

  private int index(final int line, final String text) {
    try {
      return Values.integer(text, 0, 15);
    } catch (ConfigValueException e) {
      // Any word of this file may be a secret: echo it only when it is a number.
      diagnostics.error(
          FILE,
          line,
          text.matches("-?\\d{1,9}")
              ? "key index " + e.getMessage() + " (keys are 0..15)"
              : "a line must start with auth or a key index 0..15 (the word is not shown:"
                  + " it may be a secret)");
      return -1;
    }
  }

  private Key key(final int line, final int index, final String[] w) {
    if (w.length < 2) {
      diagnostics.error(FILE, line, "key " + index + " needs a method: " + METHODS);
      return null;
    }
    final Method method = Method.fromKeyword(w[1]);
    if (method == null) {
      diagnostics.error(
          FILE,
          line,
          "key "
              + index
              + ": unknown method (not shown: it may hold the secret); use crc, md5 or sha1"
              + " (Heartbeat), or systole-hmac-sha256 or systole-aes256-gcm (Systole nodes only),"
              + " then a blank, then the secret");
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
          "key "
              + index
              + ": "
              + method.keyword()
              + " needs a secret: "
              + index
              + " "
              + method.keyword()
              + " SECRET");
      return null;
    }
    if (w.length > 3) {
      diagnostics.warn(
          FILE, line, "key " + index + ": a secret is one word; what follows it is ignored");
    }
    if (method.systole() && estimatedBits(secret) < STRONG_BITS) {
      diagnostics.warn(
          FILE,
          line,
          "key "
              + index
              + ": the secret looks weak (a rough estimate finds less than "
              + STRONG_BITS
              + " random bits); make one with: openssl rand -base64 32");
    }
    return new Key(index, method, secret);
  }

  /** The rules for Systole keys: how many, and how they mix with Heartbeat's. */
  private void checkSystoleKeys(
      final Map<Integer, Key> keys,
      final Map<Integer, Integer> lineOf,
      final int active,
      final int activeLine) {
    final List<Integer> systole = new ArrayList<>();
    final List<Integer> heartbeat = new ArrayList<>();
    new TreeMap<>(keys).forEach((i, k) -> (k.method().systole() ? systole : heartbeat).add(i));
    for (int n = MAX_SYSTOLE_KEYS; n < systole.size(); n++) {
      final int index = systole.get(n);
      diagnostics.warn(
          FILE,
          lineOf.get(index),
          "key "
              + index
              + ": more than two Systole keys; two are enough to rotate (old and new), and each"
              + " key accepted can forge messages if it leaks: remove the ones no node seals with");
    }
    if (systole.isEmpty() || heartbeat.isEmpty()) {
      return;
    }
    if (keys.get(active).method().systole()) {
      final List<Integer> signing = new ArrayList<>();
      for (final int index : heartbeat) {
        if (keys.get(index).method() == Method.CRC) {
          diagnostics.error(
              FILE,
              lineOf.get(index),
              "key "
                  + index
                  + ": crc next to a Systole auth key would accept Heartbeat messages anyone can"
                  + " forge; remove it (to leave crc, move every node to sha1 first)");
        } else {
          signing.add(index);
        }
      }
      if (!signing.isEmpty()) {
        diagnostics.warn(
            FILE,
            activeLine,
            "auth "
                + active
                + " seals Systole envelopes, which Heartbeat nodes cannot read, while "
                + keyList(signing)
                + " still accept Heartbeat messages, which can be replayed: a migration state;"
                + " remove them once every node seals with a Systole key");
      }
    } else {
      diagnostics.warn(
          FILE,
          activeLine,
          "auth "
              + active
              + " sends Heartbeat messages; Systole "
              + keyList(systole)
              + " only open envelopes: a migration state (Heartbeat refuses this file); switch"
              + " auth to a Systole key on every node, then remove the Heartbeat keys");
    }
  }

  private static String keyList(final List<Integer> indexes) {
    final List<String> s = new ArrayList<>();
    indexes.forEach(i -> s.add(Integer.toString(i)));
    return (indexes.size() == 1 ? "key " : "keys ") + String.join(", ", s);
  }

  /**
   * A rough, deliberately simple estimate of a secret's strength in bits: the smaller of its length
   * times the bits of the character classes it uses (lower, upper, digits, other) and twice its
   * length times the Shannon entropy of its characters (which catches repetition). A random
   * 32-digit hex string or 22 base64 characters pass; a word, a short phrase or {@code aaaa...} do
   * not.
   */
  static double estimatedBits(final String secret) {
    final int[] cps = secret.codePoints().toArray();
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    final Map<Integer, Integer> counts = new HashMap<>();
    for (final int c : cps) {
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      digit |= c >= '0' && c <= '9';
      other |= !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9');
      counts.merge(c, 1, Integer::sum);
    }
    final int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 32 : 0);
    final double classBits = cps.length * Math.log(Math.max(pool, 1)) / Math.log(2);
    double shannon = 0;
    for (final int n : counts.values()) {
      final double p = (double) n / cps.length;
      shannon -= p * Math.log(p) / Math.log(2);
    }
    return Math.min(classBits, 2 * shannon * cps.length);
  }
}
