package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A configuration directory for tests: a minimal valid cluster (ha1 and ha2 on bcast eth1, sha1
 * keys) whose files a test replaces one at a time, loaded on a {@link FakeHost} that has eth1,
 * /dev/ttyS0 and the scripts httpd and IPaddr.
 */
final class ConfigFixture {
  static final String HA_CF =
      "keepalive 1\ndeadtime 10\nauto_failback off\nbcast eth1\nnode ha1 ha2\n";
  static final String RESOURCES = "ha1 192.168.2.3 httpd\n";
  static final String AUTHKEYS = "auth 1\n1 sha1 s3cr3t-never-printed\n";

  final Path dir;
  final Path resourceD;
  final FakeHost host;
  private ConfigLoader.Options options;

  ConfigFixture(final Path dir) {
    this.dir = dir;
    this.resourceD = dir.resolve("resource.d");
    this.host =
        new FakeHost("ha1")
            .withInterface("eth1")
            .withDevice("/dev/ttyS0")
            .withScript(resourceD.resolve("httpd"))
            .withScript(resourceD.resolve("IPaddr"))
            .withScript(resourceD.resolve("IPaddr2"));
    this.options =
        ConfigLoader.Options.forNode("ha1")
            .withResourceDirs(resourceD, dir.resolve("init.d"))
            .withFacts(host);
    haCf(HA_CF);
    haresources(RESOURCES);
    authkeys(AUTHKEYS, "rw-------");
  }

  ConfigFixture haCf(final String text) {
    return write("ha.cf", text);
  }

  ConfigFixture haresources(final String text) {
    return write("haresources", text);
  }

  ConfigFixture authkeys(final String text, final String mode) {
    write("authkeys", text);
    try {
      Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString(mode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  ConfigFixture options(final ConfigLoader.Options o) {
    this.options = o;
    return this;
  }

  ConfigLoader.Options options() {
    return options;
  }

  ConfigResult load() {
    return ConfigLoader.load(dir, options);
  }

  /** Loads and requires no error; returns the configuration. */
  ClusterConfig ok() {
    final ConfigResult r = load();
    assertTrue(r.ok(), () -> "errors: " + r.errors());
    return r.config();
  }

  /** The diagnostics as their printed lines. */
  List<String> lines() {
    return load().diagnostics().stream().map(Diagnostic::toString).toList();
  }

  /** The errors as their printed lines. */
  List<String> errors() {
    return load().errors().stream().map(Diagnostic::toString).toList();
  }

  /** The warnings as their printed lines. */
  List<String> warnings() {
    return load().warnings().stream().map(Diagnostic::toString).toList();
  }

  private ConfigFixture write(final String name, final String text) {
    try {
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
