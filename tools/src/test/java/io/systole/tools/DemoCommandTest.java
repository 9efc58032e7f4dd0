package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.agent.MediaPlan;
import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.Diagnostic;
import io.systole.media.LinkConfig;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code systole demo}'s configurations and its refusals, without running daemons. */
class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void eachNodesConfigurationPassesTheDaemonsChecksAndBindsItsOwnLoopbackAddress()
      throws Exception {
    final DemoCluster c = DemoCluster.write(tmp, 40694, 48080, List.of("java"));
    for (int n = 1; n <= 3; n++) {
      final String node = "ha" + n;
      final ConfigResult r =
          ConfigLoader.load(c.etc(node), ConfigLoader.Options.forNode(node).onNode(true));
      assertNotNull(r.config(), () -> node + ": " + r.diagnostics());
      for (final Diagnostic d : r.diagnostics()) {
        assertTrue(d.toString().contains("initdead"), () -> node + ": unexpected " + d);
      }
      assertEquals("127.0.0." + n, r.config().haCf().ucastBind());
      for (final LinkConfig link : MediaPlan.of(r.config())) {
        assertEquals("127.0.0." + n, ((LinkConfig.Ucast) link).bind(), link::toString);
      }
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(c.etc(node).resolve("authkeys"))));
      assertTrue(Files.isExecutable(c.etc(node).resolve("resource.d").resolve("demoweb")));
    }
  }

  @Test
  void aBusyPortIsRefusedWithWhereItIsBusy() throws Exception {
    try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
      final int port = busy.getLocalPort();
      final Systole.Result r = Systole.run("demo", "--port", String.valueOf(port));
      assertEquals(SystoleCommand.USAGE, r.status(), r::toString);
      assertTrue(
          r.err().contains("UDP port " + port + " is in use on 127.0.0.2: choose another --port"),
          r::toString);
    }
  }

  @Test
  void aPrivilegedPortIsRefusedBecauseTheDemoNeedsNoRoot() {
    final Systole.Result r = Systole.run("demo", "--port", "694");
    assertEquals(SystoleCommand.USAGE, r.status(), r::toString);
    assertTrue(r.err().contains("--port must be 1025-65535 (lower ports need root)"), r::toString);
  }

  @Test
  void aWorkdirHoldingOtherFilesIsRefused() throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    final Systole.Result r = Systole.run("demo", "--workdir", tmp.toString());
    assertEquals(SystoleCommand.USAGE, r.status(), r::toString);
    assertTrue(r.err().contains("holds notes.txt: name a new or empty directory"), r::toString);
  }

  @Test
  void aWorkdirTooDeepForTheControlSocketsIsRefusedBeforeAnythingStarts() {
    final Path deep = tmp.resolve("d".repeat(100));
    final Systole.Result r = Systole.run("demo", "--workdir", deep.toString());
    assertEquals(SystoleCommand.USAGE, r.status(), r::toString);
    assertTrue(r.err().contains("is too deep: the control sockets in it"), r::toString);
    assertTrue(Files.notExists(deep), "nothing is written");
  }
}
