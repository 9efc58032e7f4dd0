package io.systole.tools;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: each family's {@code # HELP} and
 * {@code # TYPE} lines once, then its samples, label values escaped ({@code \}, {@code "} and line
 * feeds) so that names that came from ha.cf or the network cannot break a line. Not thread-safe:
 * one per scrape.
 */
final class Exposition {
  /** The content type of this format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(4096);

  /** Starts the family {@code name} of {@code type} (gauge, counter, summary). */
  Exposition family(final String name, final String type, final String help) {
    out.append("# HELP ").append(name).append(' ');
    escape(help, false);
    out.append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample; {@code labels} are names and values in turn. */
  Exposition sample(final String name, final long value, final String... labels) {
    labels(name, labels);
    out.append(value).append('\n');
    return this;
  }

  /** One sample with a fractional value. */
  Exposition sample(final String name, final double value, final String... labels) {
    labels(name, labels);
    out.append(value).append('\n');
    return this;
  }

  /** A 1 or 0 sample. */
  Exposition sample(final String name, final boolean value, final String... labels) {
    return sample(name, value ? 1L : 0L, labels);
  }

  private void labels(final String name, final String... labels) {
    out.append(name);
    if (labels.length > 0) {
      out.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"");
        escape(labels[i + 1], true);
        out.append('"');
      }
      out.append('}');
    }
    out.append(' ');
  }

  private void escape(final String text, final boolean quoted) {
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '"' && quoted) {
        out.append("\\\"");
      } else {
        out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
