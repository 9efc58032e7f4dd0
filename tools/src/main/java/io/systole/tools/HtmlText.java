package io.systole.tools;

/**
 * Text for an HTML page, in element content and in quoted attribute values alike: the five
 * characters that could end or open markup are replaced by their character references. Journal text
 * came from the network, so a group named {@code <script>} must stay text.
 */
final class HtmlText {
  private HtmlText() {}

  /** {@code s} with {@code & < > " '} as character references. */
  static String escape(final String s) {
    final StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
