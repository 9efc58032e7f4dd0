package io.systole.media.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cluster's node names as a fixed table, so that a receiver can turn the {@code src} or {@code
 * dest} bytes of a message into a small index without making a String. Names are lower-cased when
 * the table is built and incoming bytes are compared with ASCII case folding, because Heartbeat
 * lower-cases a name before it looks the node up. Immutable and safe to share between threads.
 */
public final class NodeNames {
  private final List<String> names;
  private final byte[][] bytes;

  private NodeNames(final List<String> names) {
    this.names = names;
    this.bytes = new byte[names.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * The table of {@code names} in the given order, ASCII letters lower-cased.
   *
   * @throws IllegalArgumentException if a name is empty or repeats (after lower-casing)
   */
  public static NodeNames of(final List<String> names) {
    final List<String> lower = new ArrayList<>(names.size());
    for (final String n : names) {
      final String l = asciiLower(n);
      if (l.isEmpty() || lower.contains(l)) {
        throw new IllegalArgumentException("node names must be non-empty and distinct: " + names);
      }
      lower.add(l);
    }
    return new NodeNames(Collections.unmodifiableList(lower));
  }

  private static String asciiLower(final String s) {
    final char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] += 'a' - 'A';
      }
    }
    return new String(c);
  }

  /** The table of {@code names}; see {@link #of(List)}. */
  public static NodeNames of(final String... names) {
    return of(List.of(names));
  }

  /** How many names the table holds. */
  public int size() {
    return bytes.length;
  }

  /** The name at {@code index} (as lower-cased): the same instance on every call. */
  public String name(final int index) {
    return names.get(index);
  }

  /** All names, in table order. */
  public List<String> names() {
    return names;
  }

  /**
   * The index of the name spelled by {@code data[off, off+len)} (ASCII letters in any case), or -1
   * if the table does not hold it. Allocates nothing.
   */
  public int indexOf(final byte[] data, final int off, final int len) {
    for (int i = 0; i < bytes.length; i++) {
      if (equalsFolded(bytes[i], data, off, len)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean equalsFolded(
      final byte[] lower, final byte[] data, final int off, final int len) {
    if (lower.length != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      final byte b = data[off + i];
      final int folded = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
      if (folded != lower[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "NodeNames" + names;
  }
}
