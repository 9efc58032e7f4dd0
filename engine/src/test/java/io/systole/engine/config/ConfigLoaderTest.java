package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader across files: missing files, one pass over all of them, the configuration hash. */
class ConfigLoaderTest {
  @TempDir Path dir;
  private ConfigFixture fx;

  @BeforeEach
  void fixture() {
    fx = new ConfigFixture(dir);
  }

  @Test
  void missingRequiredFilesAreErrors() throws IOException {
    Files.delete(dir.resolve("ha.cf"));
    Files.delete(dir.resolve("authkeys"));
    assertEquals(
        List.of(
            "ha.cf: missing: " + dir.resolve("ha.cf") + " is needed",
            "authkeys: missing: " + dir.resolve("authkeys") + " is needed"),
        fx.errors());
  }

  @Test
  void everyProblemOfEveryFileInOnePass() {
    fx.haCf("keepalive 5s\nbcast eth1\nnode ha1\nauto_failback on\nbogus 1\n")
        .haresources("ha9 httpd\n")
        .authkeys("auth 3\n1 sha1 x\n", "rw-r--r--");
    assertEquals(
        List.of(
            "ha.cf:1: keepalive 5s: '5s' is not a time: write seconds (2, 1.5), milliseconds"
                + " (1500ms) or microseconds (1500000us)",
            "ha.cf:5: unknown directive 'bogus' (Heartbeat refuses it too); check the spelling"
                + " against ha.cf(5)",
            "haresources:1: preferred node 'ha9' is not a node in ha.cf (ha1)",
            "authkeys: group or others can read the keys (Heartbeat refuses this too); run: chmod"
                + " 600 "
                + dir.resolve("authkeys"),
            "authkeys:1: auth 3 names no key: define it as 3 sha1 SECRET"),
        fx.errors());
  }

  @Test
  void aRedefinedKeyAndOtherWarnings() {
    assertTrue(
        fx.authkeys("auth 1\n1 sha1 a\n1 sha1 b\n", "rw-------")
            .warnings()
            .contains("authkeys:3: key 1 is defined again; this line wins"));
  }

  @Test
  void pingAddressesAndHostNames() {
    assertEquals(
        List.of("ha.cf:6: ping 10.0.0.1 @bad: '@bad' is not an address or host name"),
        fx.haCf(ConfigFixture.HA_CF + "ping 10.0.0.1 @bad\n").errors());
    assertTrue(fx.haCf(ConfigFixture.HA_CF + "ucast eth1 ha2.example.com\n").load().ok());
  }

  @Test
  void theHashIdentifiesTheFiles() {
    final String before = fx.ok().sha256();
    assertEquals(before, fx.ok().sha256(), "same files, same hash");
    fx.haresources("ha1 192.168.2.4 httpd\n");
    assertNotEquals(before, fx.ok().sha256());
  }

  @Test
  void theNodeDefaultsToThisHost() {
    fx.options(fx.options().withFacts(new FakeHost("HA2").withInterface("eth1")));
    final ConfigResult r =
        ConfigLoader.load(
            dir, new ConfigLoader.Options(null, fx.resourceD, dir, false, fx.options().facts()));
    assertTrue(r.ok(), () -> r.errors().toString());
    assertEquals("ha2", r.config().localNode());
  }
}
