package io.systole.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.engine.config.ClusterConfig;
import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.HaCf;
import io.systole.engine.config.HostFacts;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeUp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector a configuration asks for: its peers, links and kind. */
class DetectorsTest {
  @TempDir Path dir;

  private ClusterConfig config(final String haCf) throws IOException {
    Files.writeString(dir.resolve("ha.cf"), haCf);
    Files.writeString(dir.resolve("haresources"), "");
    Files.writeString(dir.resolve("authkeys"), "auth 1\n1 sha1 k\n");
    Files.setPosixFilePermissions(
        dir.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    final ConfigResult r =
        ConfigLoader.load(
            dir, ConfigLoader.Options.forNode("ha1").withFacts(new HostFacts.Local()));
    assertTrue(r.ok(), () -> r.errors().toString());
    return r.config();
  }

  private static final String BASE =
      "keepalive 100ms\ndeadtime 1\ninitdead 10\nauto_failback on\nnode ha1 ha2\n"
          + "ucast lo 10.0.0.2\nucast lo 10.0.0.3\nbcast lo\n";

  @Test
  void heartbeatIsTheDefaultAndLinksAreDevices() throws IOException {
    final ClusterConfig c = config(BASE);
    assertEquals(new HaCf.Detector(HaCf.Detector.Kind.HEARTBEAT, 8.0, 1000), c.haCf().detector());
    final FailureDetector d = Detectors.forConfig(c);
    assertEquals(
        List.of(new NodeUp("ha2", "lo"), new LinkUp("ha2", "lo")), d.onHeartbeat("ha2", "lo", 1));
    assertSame(List.of(), d.onHeartbeat("ha1", "lo", 2), "this node is no peer");
  }

  @Test
  void phiIsSelectedWithItsThresholdAndFloor() throws IOException {
    final ClusterConfig c =
        config(BASE + "systole_detector phi\nsystole_phi_threshold 10\nsystole_phi_floor 400ms\n");
    assertEquals(new HaCf.Detector(HaCf.Detector.Kind.PHI, 10.0, 400), c.haCf().detector());
    assertEquals(
        "ha2", ((NodeUp) Detectors.forConfig(c).onHeartbeat("ha2", "lo", 1).get(0)).node());
  }
}
