package io.systole.tools;

import io.systole.engine.config.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Keeps authkeys secrets out of what {@code config check} prints, even when a malformed authkeys
 * line makes the parser quote one in a message (a key line without its method, a secret on a line
 * of its own). On a key line {@code N METHOD SECRET...} the words after the method are secrets; on
 * any other line every word that is not {@code auth}, a key index or a method name may be one. Each
 * is replaced by {@code ***} wherever it occurs in a message about authkeys. A second line of
 * defence: the model never shows a secret, and the command prints only a key's index and method.
 */
final class SecretMask {
  private static final String MASK = "***";
  private static final Set<String> METHODS = Set.of("crc", "md5", "sha1");
  private static final Pattern INDEX = Pattern.compile("\\d{1,2}");

  private final String file;
  private final List<String> secrets;

  private SecretMask(final String file, final List<String> secrets) {
    this.file = file;
    this.secrets = secrets;
  }

  /** The possible secrets of the file {@code authkeys}; none when it cannot be read. */
  static SecretMask of(final Path authkeys) {
    final String name = authkeys.getFileName().toString();
    final List<String> lines;
    try {
      // Decoded as the loader decodes it, so that a secret matches the text of its messages.
      lines = new String(Files.readAllBytes(authkeys), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return new SecretMask(name, List.of());
    }
    final Set<String> secrets = new TreeSet<>();
    for (final String line : lines) {
      final String[] w = line.replaceFirst("#.*", "").strip().split("\\s+");
      final boolean keyLine = w.length >= 3 && INDEX.matcher(w[0]).matches();
      for (int i = keyLine ? 2 : 0; i < w.length; i++) {
        if (keyLine || !plain(w[i])) {
          secrets.add(w[i]);
        }
      }
    }
    // Longest first, so that a secret that contains another is masked whole.
    return new SecretMask(
        name,
        secrets.stream()
            .filter(s -> !s.isEmpty())
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList());
  }

  /** {@code diagnostic} as {@code FILE:LINE: message}, with any secret in it masked. */
  String text(final Diagnostic diagnostic) {
    final String message = message(diagnostic);
    return message.equals(diagnostic.message())
        ? diagnostic.toString()
        : new Diagnostic(diagnostic.severity(), diagnostic.file(), diagnostic.line(), message)
            .toString();
  }

  /** The message of {@code diagnostic}, with any secret in it masked. */
  String message(final Diagnostic diagnostic) {
    if (!diagnostic.file().equals(file)) {
      return diagnostic.message();
    }
    String masked = diagnostic.message();
    for (final String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  private static boolean plain(final String word) {
    final String w = word.toLowerCase(Locale.ROOT);
    return w.isEmpty() || w.equals("auth") || METHODS.contains(w) || INDEX.matcher(w).matches();
  }
}
