package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property test: mutated real configurations never make the loader throw; the result is
 * always either a configuration or errors, every diagnostic names a file and a line inside it, and
 * no message ever contains a secret.
 */
class ConfigRobustnessPropertyTest {
  private static final String SECRET = "s3cr3t-never-printed";
  private static final String HA_CF =
      "keepalive 1\ndeadtime 10\nwarntime 5\ninitdead 30\nudpport 694\nbaud 19200\n"
          + "serial /dev/ttyS0\nbcast eth1\nmcast eth1 239.0.0.1 694 1 0\nucast eth1 10.0.0.2\n"
          + "auto_failback on\nnode ha1 ha2\nping 10.0.0.254\nrespawn hacluster /bin/true\n"
          + "stonith_host * baytech 10.0.0.3 login "
          + SECRET
          + "\nlogfacility local0\n";
  private static final String RESOURCES =
      "ha1 192.168.2.3/24/eth1 httpd\nha2 IPaddr2::10.0.0.9 \\\n  httpd::a::b\n";
  private static final String AUTHKEYS = "auth 1\n1 sha1 " + SECRET + "\n2 crc\n";
  // Donor lines carry no secret: a secret spliced into another file is that file's text, not a
  // leak.
  private static final List<String> DONORS =
      List.of((HA_CF + RESOURCES + AUTHKEYS).replace(SECRET, "donor").split("\n"));
  private static final Set<String> FILES = Set.of("ha.cf", "haresources", "authkeys");

  static LongStream seeds() {
    return LongStream.range(0, 40).map(i -> 0xC0F_1600L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void mutatedConfigurationsNeverThrow(final long seed) {
    final ConfigMutator m = new ConfigMutator(seed);
    final FakeHost host = new FakeHost("ha1").withInterface("eth1").withDevice("/dev/ttyS0");
    for (int i = 0; i < 50; i++) {
      final String haCf = m.mutate(HA_CF, DONORS);
      final String resources = m.mutate(RESOURCES, DONORS);
      final String auth = m.mutate(AUTHKEYS, DONORS);
      final ConfigResult r;
      try {
        r =
            ConfigLoader.parse(
                Path.of("/etc/ha.d"),
                bytes(haCf),
                bytes(resources),
                bytes(auth),
                ConfigLoader.Options.forNode("ha1").withFacts(host),
                new Diagnostics());
      } catch (RuntimeException e) {
        fail("seed " + seed + " case " + i + " threw on:\n" + haCf + "\n--\n" + resources, e);
        return;
      }
      assertNotNull(r, "seed " + seed);
      assertEquals(r.ok(), r.errors().isEmpty(), "seed " + seed + ": ok means no errors");
      assertEquals(r.ok(), r.config() != null, "seed " + seed);
      for (final Diagnostic d : r.diagnostics()) {
        assertTrue(FILES.contains(d.file()), "seed " + seed + ": " + d);
        final String text =
            d.file().equals("ha.cf") ? haCf : d.file().equals("authkeys") ? auth : resources;
        assertTrue(
            d.line() >= 0 && d.line() <= text.split("\r?\n", -1).length, "seed " + seed + ": " + d);
        assertFalse(d.message().isBlank(), "seed " + seed);
        if (!d.file().equals("haresources")) {
          assertFalse(d.toString().contains(SECRET), "seed " + seed + " leaked a secret: " + d);
        }
      }
    }
  }

  private static byte[] bytes(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
