package io.systole.tools;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON document (RFC 8259), indented by two spaces per level, for the tools' {@code
 * --json} output. Strings are escaped so that the document is pure ASCII: quotes, backslashes and
 * control characters get their short or {@code \}{@code u00XX} escapes, and every character beyond
 * ASCII (including lone surrogates) a {@code \}{@code uXXXX} escape, so the output survives any
 * console encoding. A call out of place (a value where a name is due, a second document, an
 * unclosed container) throws {@link IllegalStateException}: the writer never produces invalid JSON.
 */
public final class JsonWriter {
  private static final String INDENT = "  ";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Where the writer is: what the next call may be. */
  private enum Context {
    /** Nothing written yet: one value may come. */
    EMPTY,
    /** The document is complete. */
    DONE,
    /** In an array: a value or its end. */
    ARRAY,
    /** In an object: a name or its end. */
    OBJECT_NAME,
    /** In an object after a name: its value. */
    OBJECT_VALUE
  }

  private final StringBuilder out = new StringBuilder();
  private final Deque<Context> stack = new ArrayDeque<>();

  /** Whether the innermost open container has no element yet. */
  private boolean empty;

  /** A writer for one document. */
  public JsonWriter() {
    stack.push(Context.EMPTY);
  }

  /** Opens an object, as a value. */
  public JsonWriter beginObject() {
    return open(Context.OBJECT_NAME, '{');
  }

  /** Closes the innermost object. */
  public JsonWriter endObject() {
    return close(Context.OBJECT_NAME, '}');
  }

  /** Opens an array, as a value. */
  public JsonWriter beginArray() {
    return open(Context.ARRAY, '[');
  }

  /** Closes the innermost array. */
  public JsonWriter endArray() {
    return close(Context.ARRAY, ']');
  }

  /** The name of the next member of the innermost object. */
  public JsonWriter name(final String name) {
    if (stack.peek() != Context.OBJECT_NAME) {
      throw new IllegalStateException("a name outside an object, or two names in a row: " + name);
    }
    newElement();
    quote(name, out);
    out.append(": ");
    stack.pop();
    stack.push(Context.OBJECT_VALUE);
    return this;
  }

  /** A string, or {@code null} for JSON's null. */
  public JsonWriter value(final String value) {
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      quote(value, out);
    }
    return this;
  }

  /** A number. */
  public JsonWriter value(final long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** A boolean. */
  public JsonWriter value(final boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** A member: {@code name} and a string value (or null). */
  public JsonWriter field(final String name, final String value) {
    return name(name).value(value);
  }

  /** A member: {@code name} and a number. */
  public JsonWriter field(final String name, final long value) {
    return name(name).value(value);
  }

  /** A member: {@code name} and a boolean. */
  public JsonWriter field(final String name, final boolean value) {
    return name(name).value(value);
  }

  /** A member: {@code name} and an array of strings. */
  public JsonWriter field(final String name, final Iterable<String> values) {
    name(name).beginArray();
    for (final String v : values) {
      value(v);
    }
    return endArray();
  }

  /** The document, which must be complete. */
  @Override
  public String toString() {
    if (stack.peek() != Context.DONE) {
      throw new IllegalStateException("the document is not complete");
    }
    return out.toString();
  }

  /** {@code text} as a JSON string literal, quotes included, in pure ASCII. */
  public static String quote(final String text) {
    final StringBuilder b = new StringBuilder(text.length() + 2);
    quote(text, b);
    return b.toString();
  }

  private static void quote(final String text, final StringBuilder b) {
    b.append('"');
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            b.append("\\u")
                .append(HEX[c >> 12 & 0xf])
                .append(HEX[c >> 8 & 0xf])
                .append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  private void beforeValue() {
    final Context context = stack.pop();
    switch (context) {
      case EMPTY -> stack.push(Context.DONE);
      case ARRAY -> {
        stack.push(Context.ARRAY);
        newElement();
      }
      case OBJECT_VALUE -> stack.push(Context.OBJECT_NAME);
      default -> {
        stack.push(context);
        throw new IllegalStateException(
            context == Context.DONE ? "a second document" : "a value where a name is due");
      }
    }
  }

  /** Separates the element about to be written from the one before, on a line of its own. */
  private void newElement() {
    if (!empty) {
      out.append(',');
    }
    empty = false;
    newLine(stack.size() - 1);
  }

  private JsonWriter open(final Context context, final char bracket) {
    beforeValue();
    out.append(bracket);
    stack.push(context);
    empty = true;
    return this;
  }

  private JsonWriter close(final Context expected, final char bracket) {
    if (stack.peek() != expected) {
      throw new IllegalStateException("no open " + (bracket == '}' ? "object" : "array"));
    }
    stack.pop();
    if (!empty) {
      newLine(stack.size() - 1);
    }
    out.append(bracket);
    empty = false;
    return this;
  }

  private void newLine(final int depth) {
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append(INDENT);
    }
  }
}
