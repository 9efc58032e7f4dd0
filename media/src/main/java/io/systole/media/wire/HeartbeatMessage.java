package io.systole.media.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * An immutable Heartbeat message: an ordered list of fields, each a name and either a string value
 * (type 0) or binary bytes (type 1). Values are kept as Heartbeat sends them (hex numbers stay
 * text). The signature field {@code auth} is not part of the message: codecs append it when
 * encoding and check and remove it when decoding. Names are 1 to 255 printable ASCII characters
 * other than {@code =} that do not start with {@code (}; string values may hold any bytes but
 * newline and NUL. Build one with {@link #builder()}.
 */
public final class HeartbeatMessage {
  /** The name of the inner signature field, owned by the codecs. */
  public static final String AUTH = "auth";

  /** Longest field name accepted. */
  public static final int MAX_NAME_LENGTH = 255;

  private final List<Field> fields;

  private HeartbeatMessage(final List<Field> fields) {
    this.fields = Collections.unmodifiableList(fields);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The fields in message order. */
  public List<Field> fields() {
    return fields;
  }

  /** The first field named {@code name}, or null. */
  public Field field(final String name) {
    for (final Field f : fields) {
      if (f.name.equals(name)) {
        return f;
      }
    }
    return null;
  }

  /** The value of the first string field named {@code name} (UTF-8), or null if there is none. */
  public String get(final String name) {
    for (final Field f : fields) {
      if (f.name.equals(name) && !f.binary) {
        return f.text();
      }
    }
    return null;
  }

  /** A copy of the value of the first binary field named {@code name}, or null. */
  public byte[] getBinary(final String name) {
    for (final Field f : fields) {
      if (f.name.equals(name) && f.binary) {
        return f.value();
      }
    }
    return null;
  }

  /**
   * A copy with the value of the first string field named {@code name} replaced by {@code value},
   * in the same position (how a serial forwarder decrements {@code ttl}).
   *
   * @throws IllegalArgumentException if there is no string field {@code name}, or {@code value}
   *     holds a newline or NUL
   */
  public HeartbeatMessage with(final String name, final String value) {
    final byte[] v = value.getBytes(StandardCharsets.UTF_8);
    if (!validText(v, 0, v.length)) {
      throw new IllegalArgumentException("string value of " + name + " holds newline or NUL");
    }
    final List<Field> copy = new ArrayList<>(fields);
    for (int i = 0; i < copy.size(); i++) {
      final Field f = copy.get(i);
      if (!f.binary && f.name.equals(name)) {
        copy.set(i, new Field(f.nameBytes, false, v));
        return new HeartbeatMessage(copy);
      }
    }
    throw new IllegalArgumentException("no string field " + name);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof HeartbeatMessage m && fields.equals(m.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    final StringBuilder sb = new StringBuilder("HeartbeatMessage[");
    for (int i = 0; i < fields.size(); i++) {
      sb.append(i == 0 ? "" : " ").append(fields.get(i));
    }
    return sb.append(']').toString();
  }

  static boolean validName(final byte[] b, final int off, final int len) {
    if (len < 1 || len > MAX_NAME_LENGTH || b[off] == '(') {
      return false;
    }
    for (int i = off; i < off + len; i++) {
      if (b[i] < 0x21 || b[i] > 0x7E || b[i] == '=') {
        return false;
      }
    }
    return true;
  }

  static boolean validText(final byte[] b, final int off, final int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n' || b[i] == 0) {
        return false;
      }
    }
    return true;
  }

  static boolean isAuth(final byte[] b, final int off, final int len) {
    return len == 4 && b[off] == 'a' && b[off + 1] == 'u' && b[off + 2] == 't' && b[off + 3] == 'h';
  }

  /** One field: a name and a string (type 0) or binary (type 1) value. */
  public static final class Field {
    private final String name;
    private final byte[] nameBytes;
    private final boolean binary;
    private final byte[] value;

    Field(final byte[] nameBytes, final boolean binary, final byte[] value) {
      this.nameBytes = nameBytes;
      this.name = new String(nameBytes, StandardCharsets.US_ASCII);
      this.binary = binary;
      this.value = value;
    }

    /** The field name. */
    public String name() {
      return name;
    }

    /** Whether the value is binary (type 1) rather than a string (type 0). */
    public boolean binary() {
      return binary;
    }

    /** The wire type code: 0 for string, 1 for binary. */
    public int type() {
      return binary ? 1 : 0;
    }

    /** A copy of the value bytes (the string's bytes for a string field). */
    public byte[] value() {
      return value.clone();
    }

    /**
     * The value as text: UTF-8 for a string field, base64 for a binary one (as classic shows it).
     */
    public String text() {
      return binary
          ? Base64.getEncoder().encodeToString(value)
          : new String(value, StandardCharsets.UTF_8);
    }

    byte[] nameBytes() {
      return nameBytes;
    }

    byte[] rawValue() {
      return value;
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof Field f
          && binary == f.binary
          && name.equals(f.name)
          && Arrays.equals(value, f.value);
    }

    @Override
    public int hashCode() {
      return (name.hashCode() * 31 + Arrays.hashCode(value)) * 2 + (binary ? 1 : 0);
    }

    @Override
    public String toString() {
      return binary ? "(1)" + name + "=<" + value.length + " bytes>" : name + "=" + text();
    }
  }

  /** {@code value} in lower-case hex, as Heartbeat writes its numbers. */
  public static String hex(final long value) {
    return Long.toHexString(value);
  }

  /** Collects fields in order; {@link #build()} can be called more than once. */
  public static final class Builder {
    private final List<Field> fields = new ArrayList<>();

    private Builder() {}

    /**
     * Appends string field {@code name=value}.
     *
     * @throws IllegalArgumentException if the name is invalid or {@code auth}, or the value holds a
     *     newline or NUL
     */
    public Builder add(final String name, final String value) {
      return add(name, false, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends binary field {@code name} holding a copy of {@code value}.
     *
     * @throws IllegalArgumentException if the name is invalid or {@code auth}
     */
    public Builder addBinary(final String name, final byte[] value) {
      return add(name, true, value.clone());
    }

    private Builder add(final String name, final boolean binary, final byte[] value) {
      final byte[] n = name.getBytes(StandardCharsets.UTF_8);
      if (!validName(n, 0, n.length) || isAuth(n, 0, n.length)) {
        throw new IllegalArgumentException("invalid field name: " + name);
      }
      if (!binary && !validText(value, 0, value.length)) {
        throw new IllegalArgumentException("string value of " + name + " holds newline or NUL");
      }
      fields.add(new Field(n, binary, value));
      return this;
    }

    /**
     * Appends the fields Heartbeat adds to every message a node originates, in its order: {@code
     * src}, {@code seq} (left out when {@code seq} is negative: an unsequenced {@code NS_}
     * message), {@code hg}, {@code ts} and {@code ttl}, numbers in lower-case hex but the ttl.
     */
    public Builder origin(
        final String src, final long seq, final long generation, final long ts, final int ttl) {
      add("src", src);
      if (seq >= 0) {
        add("seq", hex(seq));
      }
      return add("hg", hex(generation)).add("ts", hex(ts)).add("ttl", Integer.toString(ttl));
    }

    /** Appends an already validated field (decoders). */
    Builder addChecked(final Field field) {
      fields.add(field);
      return this;
    }

    /** The message. */
    public HeartbeatMessage build() {
      return new HeartbeatMessage(new ArrayList<>(fields));
    }
  }
}
