package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload may change live and what needs a restart. */
class ReloadCheckTest {
  @TempDir Path tmp;
  private int dirs;

  private ClusterConfig config(final String haCfExtra, final String authkeys) throws Exception {
    final Path dir = Files.createDirectories(tmp.resolve("etc" + dirs++));
    Files.writeString(
        dir.resolve("ha.cf"),
        haCfExtra + "\nkeepalive 1\ndeadtime 5\nbcast lo\nnode ha1\nnode ha2\n");
    Files.writeString(dir.resolve("haresources"), "");
    Files.writeString(dir.resolve("authkeys"), authkeys);
    Files.setPosixFilePermissions(
        dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    final ConfigResult r = ConfigLoader.load(dir, ConfigLoader.Options.forNode("ha1"));
    assertNotNull(r.config(), r.diagnostics().toString());
    return r.config();
  }

  private static List<String> check(final ClusterConfig a, final ClusterConfig b) {
    return ReloadCheck.needsRestart(a, b, MediaPlan.of(a));
  }

  @Test
  void keysAndFailbackApplyLive() throws Exception {
    final ClusterConfig running = config("auto_failback on", "auth 1\n1 sha1 one\n");
    final ClusterConfig next =
        config("auto_failback off", "auth 2\n1 sha1 one\n2 systole-hmac-sha256 two\n");
    assertEquals(List.of(), check(running, next));
  }

  @Test
  void membershipChangesNeedARestartAndSayWhat() throws Exception {
    final ClusterConfig running = config("", "auth 1\n1 sha1 one\n");
    final List<String> why =
        check(running, config("warntime 2\nudpport 7000", "auth 1\n1 sha1 one\n"));
    assertEquals(2, why.size(), why.toString());
    assertTrue(why.get(0).startsWith("warntime changed: "), why.toString());
    assertTrue(why.get(1).startsWith("the media changed: "), why.toString());
  }

  @Test
  void anotherWatchdogDeviceNeedsARestart() throws Exception {
    final ClusterConfig running = config("", "auth 1\n1 sha1 one\n");
    final List<String> why =
        check(running, config("watchdog /dev/watchdog", "auth 1\n1 sha1 one\n"));
    assertEquals(List.of("watchdog changed:  -> /dev/watchdog"), why);
  }

  @Test
  void anotherMetricsEndpointNeedsARestart() throws Exception {
    final ClusterConfig running = config("", "auth 1\n1 sha1 one\n");
    final List<String> why =
        check(running, config("systole_metrics 127.0.0.1:9464", "auth 1\n1 sha1 one\n"));
    assertEquals(List.of("systole_metrics changed: none -> 127.0.0.1:9464"), why);
  }
}
