package io.systole.engine.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.HeartbeatView;
import io.systole.media.wire.NetstringCodec;
import io.systole.media.wire.NodeNames;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat's resource messages, field for field as Heartbeat 3.0.6 sent them between two of its
 * nodes (captured in network namespaces), and read back from the signed bytes.
 */
class ResourceMessageTest {
  private static final AuthKeys KEYS = AuthKeys.of(1, Authenticator.sha1(1, "resource-test-key"));

  private static String fields(final HeartbeatMessage m) {
    final StringBuilder b = new StringBuilder();
    for (final HeartbeatMessage.Field f : m.fields()) {
      b.append(f.name()).append('=').append(f.text()).append('|');
    }
    return b.toString();
  }

  private static ResourceMessage roundTrip(final ResourceMessage m) {
    final byte[] wire = new NetstringCodec(KEYS).encode(m.encode("ha1", 0x22, 0x6b05dddbL, 3, 7));
    final HeartbeatView view = new HeartbeatView(KEYS, NodeNames.of("ha1", "ha2"));
    assertTrue(view.wrapNetstring(wire, 0, wire.length), "signed and framed as Heartbeat does");
    return ResourceMessage.read(view);
  }

  @Test
  void aResourceReportHasItsSetTypeAndStabilityInHeartbeatsOrder() {
    // Captured: t=resource rsc_hold=local rtype=full isstable=1 info=req_our_resources() src=ha2
    assertEquals(
        "t=resource|rsc_hold=local|rtype=full|isstable=1|info=req_our_resources()|src=ha1|seq=22"
            + "|hg=6b05dddb|ts=7|ttl=3|",
        fields(
            ResourceMessage.resource(ResourceSet.LOCAL, true, "req_our_resources()")
                .encode("ha1", 0x22, 0x6b05dddbL, 3, 7)));
    assertEquals(
        "t=ask_resources|rsc_hold=foreign|info=me|src=ha1|seq=1|hg=2|ts=3|ttl=3|",
        fields(ResourceMessage.ask(ResourceSet.FOREIGN, "me").encode("ha1", 1, 2, 3, 3)));
    assertEquals(
        "t=stonith|node=ha2|result=n_stnth|src=ha1|seq=1|hg=2|ts=3|ttl=3|",
        fields(ResourceMessage.stonith("ha2", "n_stnth").encode("ha1", 1, 2, 3, 3)));
    assertEquals(
        "t=starting|src=ha1|seq=1|hg=2|ts=3|ttl=3|",
        fields(ResourceMessage.starting().encode("ha1", 1, 2, 3, 3)));
  }

  @Test
  void everyMessageReadsBackAsItWasSent() {
    for (final ResourceMessage m :
        new ResourceMessage[] {
          ResourceMessage.starting(),
          ResourceMessage.resource(ResourceSet.NONE, false, ""),
          ResourceMessage.resource(ResourceSet.ALL, true, "shutdown"),
          ResourceMessage.ask(ResourceSet.LOCAL, "other"),
          ResourceMessage.takeover(ResourceSet.FOREIGN),
          ResourceMessage.stonith("ha2", "OK"),
          ResourceMessage.shutdone()
        }) {
      assertEquals(m, roundTrip(m), m.toString());
    }
  }

  @Test
  void anIncrementalReportAndAnUnknownSetAreReadAsSuch() {
    // Captured after a takeover: t=resource rsc_hold=foreign info=mach_down (no rtype, isstable)
    final ResourceMessage incremental =
        new ResourceMessage(
            ResourceMessage.Type.RESOURCE, ResourceSet.FOREIGN, false, false, "mach_down", "", "");
    assertEquals(incremental, roundTrip(incremental));
    assertNull(ResourceSet.of("some"), "an unknown set is no set");
  }

  @Test
  void aStatusIsNotAResourceMessage() {
    final byte[] wire =
        new NetstringCodec(KEYS)
            .encode(
                HeartbeatMessage.builder()
                    .add("t", "status")
                    .add("st", "active")
                    .add("src", "ha2")
                    .add("seq", "1")
                    .add("hg", "1")
                    .add("ts", "1")
                    .add("ttl", "3")
                    .build());
    final HeartbeatView view = new HeartbeatView(KEYS, NodeNames.of("ha1", "ha2"));
    assertTrue(view.wrapNetstring(wire, 0, wire.length));
    assertNull(ResourceMessage.read(view));
  }
}
