package io.systole.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Media configuration: stable link names, checked values, and what start refuses. */
class LinkConfigTest {
  @Test
  void linksAreNamedByKindDeviceAndPeerOrGroup() {
    assertEquals("bcast eth1", new LinkConfig.Bcast("eth1", 694).name());
    assertEquals(
        "mcast eth1 239.192.77.1",
        new LinkConfig.Mcast("eth1", "239.192.77.1", 694, 1, false).name());
    assertEquals("ucast eth0 10.0.0.2", new LinkConfig.Ucast("eth0", "10.0.0.2", 694).name());
    assertEquals("serial /dev/ttyS0", new LinkConfig.Serial("/dev/ttyS0", 19200).name());
    assertEquals(694, new LinkConfig.Ucast("eth0", "10.0.0.2", 694).peerPort());
  }

  @Test
  void badValuesAreRefusedWithTheValue() {
    assertMessage("port must be 1..65535: 0", () -> new LinkConfig.Bcast("eth1", 0));
    assertMessage(
        "not an IPv4 multicast group: 10.0.0.1",
        () -> new LinkConfig.Mcast("eth1", "10.0.0.1", 694, 1, true));
    assertMessage(
        "not an IPv4 multicast group: 239.1.1",
        () -> new LinkConfig.Mcast("eth1", "239.1.1", 694, 1, true));
    assertMessage(
        "multicast ttl must be 0..255: 256",
        () -> new LinkConfig.Mcast("eth1", "239.0.0.1", 694, 256, true));
    assertMessage("ucast needs a peer address: ", () -> new LinkConfig.Ucast("eth0", "", 694));
    assertMessage("bad device name: eth 0", () -> new LinkConfig.Ucast("eth 0", "10.0.0.2", 694));
    assertMessage(
        "ucast bind address is not IPv4: ha2",
        () -> new LinkConfig.Ucast("lo", "127.0.0.1", 694, 694, "ha2"));
    assertMessage("baud must be positive: 0", () -> new LinkConfig.Serial("/dev/ttyS0", 0));
  }

  @Test
  void startRefusesAMediumConfiguredTwice() {
    final LinkConfig u = new LinkConfig.Ucast("lo", "127.0.0.1", 694);
    assertMessage(
        "medium configured twice: ucast lo 127.0.0.1",
        () -> Media.start(new MediaContext(), List.of(u, u), (l, f, s) -> {}, LinkListener.NONE));
  }

  @Test
  void startRefusesSerialForwardingWithoutNodeNameAndKeys() {
    final List<LinkConfig> two =
        List.of(
            new LinkConfig.Serial("/dev/ttyS0", 19200), new LinkConfig.Serial("/dev/ttyS1", 19200));
    assertMessage(
        "serial forwarding between 2 serial links needs nodeName and authKeys",
        () -> Media.start(new MediaContext(), two, (l, f, s) -> {}, LinkListener.NONE));
  }

  @Test
  void contextChecksItsSettings() {
    assertMessage(
        "retryInterval must be positive: PT0S",
        () -> new MediaContext().retryInterval(Duration.ZERO).conclude());
    assertMessage(
        "maxFrameBytes must be 8..262144: 4", () -> new MediaContext().maxFrameBytes(4).conclude());
    assertMessage(
        "udpThreads must be at least 1: 0", () -> new MediaContext().udpThreads(0).conclude());
  }

  private static void assertMessage(final String expected, final Runnable r) {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().equals(expected), () -> "message was: " + e.getMessage());
  }
}
