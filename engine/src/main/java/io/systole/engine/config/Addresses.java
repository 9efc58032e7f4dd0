package io.systole.engine.config;

import java.util.regex.Pattern;

/** Syntax checks for the addresses ha.cf and haresources name, without any name lookup. */
final class Addresses {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOST =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

  private Addresses() {}

  static boolean isIpv4(final String text) {
    final var m = IPV4.matcher(text);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv4Multicast(final String text) {
    if (!isIpv4(text)) {
      return false;
    }
    final int first = Integer.parseInt(text.substring(0, text.indexOf('.')));
    return first >= 224 && first <= 239;
  }

  static boolean isIpv6(final String text) {
    return IPV6.matcher(text).matches() && text.chars().filter(c -> c == ':').count() >= 2;
  }

  static boolean isIpv6Multicast(final String text) {
    return isIpv6(text) && text.toLowerCase(java.util.Locale.ROOT).startsWith("ff");
  }

  /** A DNS name; an all-numeric dotted string is a malformed address, not a name. */
  static boolean isHostName(final String text) {
    return text.length() <= 253 && HOST.matcher(text).matches() && !text.matches("[\\d.]+");
  }
}
