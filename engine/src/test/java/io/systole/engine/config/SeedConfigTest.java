package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.AuthKeys.Method;
import io.systole.engine.config.HaCf.AutoFailback;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed cluster's three files read unchanged, with the meaning its README gives them. */
class SeedConfigTest {
  @TempDir Path dir;

  static void copySeed(final Path dir) throws IOException {
    for (final String name : List.of("ha.cf", "haresources", "authkeys")) {
      try (InputStream in = SeedConfigTest.class.getResourceAsStream("/config/seed/" + name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
  }

  @Test
  void seedReadsUnchanged() throws IOException {
    final ConfigFixture fx = new ConfigFixture(dir);
    Files.delete(dir.resolve("ha.cf"));
    Files.delete(dir.resolve("haresources"));
    Files.delete(dir.resolve("authkeys"));
    copySeed(dir);
    fx.authkeys(Files.readString(dir.resolve("authkeys")), "rw-------");
    fx.options(fx.options().withFacts(fx.host));
    final ConfigResult r =
        ConfigLoader.load(
            dir,
            ConfigLoader.Options.forNode("ha1.bogus.sh.cn")
                .withResourceDirs(fx.resourceD, dir.resolve("init.d"))
                .withFacts(fx.host));
    assertTrue(r.ok(), () -> r.errors().toString());
    final ClusterConfig c = r.config();
    final HaCf h = c.haCf();
    assertEquals(1000, h.keepaliveMs());
    assertEquals(5000, h.deadtimeMs());
    assertEquals(2500, h.warntimeMs());
    assertEquals(30000, h.initdeadMs());
    assertEquals(List.of("ha1.bogus.sh.cn", "ha2.bogus.sh.cn"), h.nodes());
    assertEquals(
        List.of(new Medium.Serial("/dev/ttyS0", 19200), new Medium.Bcast("eth1", 694)), h.media());
    assertEquals(AutoFailback.LEGACY, h.autoFailback());
    assertEquals(1, c.groups().size());
    assertEquals("ha1.bogus.sh.cn", c.groups().get(0).preferredNode());
    assertEquals(
        List.of("IPaddr::192.168.2.3", "httpd"),
        c.groups().get(0).resources().stream().map(ResourceGroup.Resource::text).toList());
    assertEquals(1, c.authKeys().activeIndex());
    assertEquals(Method.SHA1, c.authKeys().active().method());
    assertEquals("ha1.bogus.sh.cn", c.localNode());
    assertEquals(64, c.sha256().length());
    final List<String> w = r.warnings().stream().map(Diagnostic::toString).toList();
    assertTrue(w.stream().anyMatch(s -> s.contains("udpport comes after")), w::toString);
    assertTrue(w.stream().anyMatch(s -> s.contains("baud comes after")), w::toString);
    assertTrue(w.stream().anyMatch(s -> s.contains("auto_failback is not set")), w::toString);
  }
}
