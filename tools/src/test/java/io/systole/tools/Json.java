package io.systole.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, test-side JSON reader (RFC 8259), independent of {@link JsonWriter}: objects become
 * {@code Map<String, Object>} in document order, arrays {@code List<Object>}, numbers {@code Long}
 * (or {@code Double} with a fraction or exponent), plus {@code String}, {@code Boolean} and null.
 * It refuses what a strict parser refuses: raw control characters in strings, bad escapes, trailing
 * commas, duplicate names, anything after the document.
 */
final class Json {
  private final String text;
  private int pos;

  private Json(final String text) {
    this.text = text;
  }

  /** The value {@code text} holds, which must be exactly one JSON document. */
  static Object parse(final String text) {
    final Json json = new Json(text);
    final Object value = json.value();
    json.blanks();
    if (json.pos != text.length()) {
      throw json.fail("text after the document");
    }
    return value;
  }

  /** Follows {@code path} (member names and array indexes) down from {@code value}. */
  static Object at(final Object value, final Object... path) {
    Object v = value;
    for (final Object step : path) {
      v = step instanceof Integer i ? ((List<?>) v).get(i) : ((Map<?, ?>) v).get(step);
    }
    return v;
  }

  private Object value() {
    blanks();
    if (pos >= text.length()) {
      throw fail("a value is missing");
    }
    final char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    final Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    blanks();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      blanks();
      if (peek() != '"') {
        throw fail("a member name is due");
      }
      final String name = string();
      blanks();
      expect(':');
      if (map.containsKey(name)) {
        throw fail("duplicate name " + name);
      }
      map.put(name, value());
      blanks();
      if (peek() == '}') {
        pos++;
        return map;
      }
      expect(',');
    }
  }

  private List<Object> array() {
    final List<Object> list = new ArrayList<>();
    pos++;
    blanks();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      blanks();
      if (peek() == ']') {
        pos++;
        return list;
      }
      expect(',');
    }
  }

  private String string() {
    expect('"');
    final StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw fail("unterminated string");
      }
      final char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw fail("raw control character in a string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      final char e = pos < text.length() ? text.charAt(pos++) : 0;
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw fail("short \\u escape");
          }
          b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw fail("bad escape \\" + e);
      }
    }
  }

  private Object number() {
    final int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    final String n = text.substring(start, pos);
    if (!n.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
      throw fail("not a value: '" + n + "'");
    }
    return n.matches("-?\\d+") ? (Object) Long.valueOf(n) : (Object) Double.valueOf(n);
  }

  private Object literal(final String word, final Object value) {
    if (!text.startsWith(word, pos)) {
      throw fail("not a value");
    }
    pos += word.length();
    return value;
  }

  private void blanks() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void expect(final char c) {
    if (peek() != c) {
      throw fail("'" + c + "' expected");
    }
    pos++;
  }

  private IllegalArgumentException fail(final String why) {
    return new IllegalArgumentException(why + " at offset " + pos);
  }
}
