package io.systole.tools;

/**
 * JSON Lines (one JSON document per line) from {@link JsonWriter}'s indented documents, for the
 * tools' {@code --json} streams. Joining the lines is safe: the writer escapes every control
 * character inside strings, so each line break in its output is layout, never data.
 */
final class JsonLines {
  private JsonLines() {}

  /** The complete document {@code json} holds, on one line. */
  static String line(final JsonWriter json) {
    return json.toString().replaceAll("\n *", "");
  }
}
