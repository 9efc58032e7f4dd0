package io.systole.tools;

import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.Diagnostic;
import io.systole.journal.event.ConfigLoaded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The other configuration a what-if folds a journal under: an ha.cf and its haresources, read by
 * the engine's {@link ConfigLoader} exactly as the daemon reads them, as the journal's node. The
 * loader reads a whole /etc/ha.d and insists on an authkeys, which decisions do not depend on; so
 * the two files are copied into a private temporary directory beside a placeholder authkeys (never
 * the operator's keys), and the diagnostics are given back under the files' own paths.
 *
 * @param event the configuration as the journal would record it, or null when it has errors
 * @param diagnostics every warning and error, as {@code FILE:LINE: message} with the real paths
 */
record WhatIfConfig(ConfigLoaded event, List<String> diagnostics) {
  private static final String HARESOURCES = "haresources";
  private static final String PLACEHOLDER_KEYS = "auth 1\n1 sha1 what-if-placeholder\n";

  /** Reads {@code haCf} and {@code haResources} as node {@code node}'s configuration. */
  static WhatIfConfig load(final Path haCf, final Path haResources, final String node) {
    final List<String> missing = new ArrayList<>();
    for (final Path file : List.of(haCf, haResources)) {
      if (!Files.isRegularFile(file)) {
        missing.add(file + ": missing: the what-if needs it (there is no such file)");
      }
    }
    if (!missing.isEmpty()) {
      return new WhatIfConfig(null, missing);
    }
    final Path tmp;
    try {
      tmp = Files.createTempDirectory("systole-what-if");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.copy(haCf, tmp.resolve("ha.cf"));
      Files.copy(haResources, tmp.resolve(HARESOURCES));
      final Path keys = tmp.resolve("authkeys");
      Files.writeString(keys, PLACEHOLDER_KEYS);
      Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
      final Path here = haCf.toAbsolutePath().getParent();
      final ConfigResult result =
          ConfigLoader.load(
              tmp,
              ConfigLoader.Options.forNode(node)
                  .withResourceDirs(here.resolve("resource.d"), Path.of("/etc/init.d")));
      final List<String> diagnostics = new ArrayList<>();
      for (final Diagnostic d : result.diagnostics()) {
        final Path file = d.file().equals(HARESOURCES) ? haResources : haCf;
        diagnostics.add(file + (d.line() > 0 ? ":" + d.line() : "") + ": " + d.message());
      }
      if (!result.ok()) {
        return new WhatIfConfig(null, diagnostics);
      }
      final ConfigLoaded loaded = result.config().toEvent();
      return new WhatIfConfig(
          new ConfigLoaded(
              haCf.toString(),
              loaded.sha256(),
              loaded.nodes(),
              loaded.groups(),
              loaded.failback(),
              loaded.fenceAgent(),
              loaded.guards()),
          diagnostics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(tmp);
    }
  }

  private static void delete(final Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary directory left behind holds only copies and a placeholder.
    }
  }
}
