package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.systole.media.wire.HeartbeatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers a Heartbeat node expects, field for field as Heartbeat 3.0.6 sends them. */
class HeartbeatRepliesTest {
  private static String fields(final HeartbeatMessage m) {
    final StringBuilder b = new StringBuilder();
    for (final HeartbeatMessage.Field f : m.fields()) {
      b.append(f.name()).append('=').append(f.text()).append('|');
    }
    return b.toString();
  }

  @Test
  void repnodesListsEveryNodeEachFollowedByASpaceAndALoneSpaceForNoDeletedNode() {
    // Captured from Heartbeat to Heartbeat (the destuuid/srcuuid binaries and ld left out):
    // dest=synode t=repnodes nodelist="hbnode synode " delnodelist=" " src=hbnode seq=7 ...
    assertEquals(
        "dest=hbnode|t=repnodes|nodelist=hbnode synode |delnodelist= |src=synode|seq=8"
            + "|hg=6b066a80|ts=6b066a84|ttl=3|",
        fields(
            HeartbeatReplies.repnodes(
                "synode", "hbnode", List.of("hbnode", "synode"), 8, 0x6b066a80L, 3, 0x6b066a84L)));
  }

  @Test
  void ackmsgIsUnsequencedAndNamesTheAcknowledgedNodeAndItsSequenceInHex() {
    // Captured: t=NS_ackmsg dest=synode ackseq=35 destuuid src=hbnode srcuuid hg ts ttl auth
    assertEquals(
        "t=NS_ackmsg|dest=hbnode|ackseq=35|src=synode|hg=6b066a80|ts=6b066a84|ttl=3|",
        fields(HeartbeatReplies.ack("synode", "hbnode", 0x35, 0x6b066a80L, 3, 0x6b066a84L)));
  }
}
