package io.systole.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of real configuration files: lines deleted, duplicated, swapped or spliced
 * between files, characters changed, junk tokens and raw bytes inserted. The same seed always gives
 * the same file, so a failure is reproduced by its seed.
 */
final class ConfigMutator {
  private static final String[] TOKENS = {
    "#",
    "\\",
    ",",
    "::",
    "/",
    "0",
    "-1",
    "99999999999999999999",
    "1.5",
    "ms",
    "us",
    "yes",
    "node",
    "bcast",
    "mcast",
    "auth",
    "sha1",
    "crc",
    "\t",
    " ",
    "ff02::1",
    "239.1.1.1",
    "10.0.0.300",
    "ünï",
    "\u0000",
    "IPaddr::",
    "udpport",
    "baud",
    "keepalive",
    "deadtime"
  };

  private final SplittableRandom random;

  ConfigMutator(final long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** {@code text} with one to five mutations, lines borrowed from {@code donors}. */
  String mutate(final String text, final List<String> donors) {
    final List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    final int n = random.nextInt(1, 6);
    for (int i = 0; i < n; i++) {
      mutateOnce(lines, donors);
    }
    return String.join(random.nextInt(10) == 0 ? "\r\n" : "\n", lines);
  }

  private void mutateOnce(final List<String> lines, final List<String> donors) {
    final int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
    switch (random.nextInt(7)) {
      case 0 -> {
        if (!lines.isEmpty()) {
          lines.remove(at);
        }
      }
      case 1 -> lines.add(at, lines.isEmpty() ? "" : lines.get(at));
      case 2 -> lines.add(at, donors.get(random.nextInt(donors.size())));
      case 3 -> {
        if (lines.size() > 1) {
          final String t = lines.get(at);
          final int other = random.nextInt(lines.size());
          lines.set(at, lines.get(other));
          lines.set(other, t);
        }
      }
      case 4 ->
          lines.add(
              at,
              TOKENS[random.nextInt(TOKENS.length)] + " " + TOKENS[random.nextInt(TOKENS.length)]);
      case 5 -> {
        if (!lines.isEmpty() && !lines.get(at).isEmpty()) {
          final StringBuilder b = new StringBuilder(lines.get(at));
          b.setCharAt(random.nextInt(b.length()), (char) random.nextInt(0, 0x250));
          lines.set(at, b.toString());
        }
      }
      default -> {
        if (!lines.isEmpty()) {
          lines.set(at, lines.get(at) + " " + TOKENS[random.nextInt(TOKENS.length)]);
        }
      }
    }
  }
}
