package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.systole.media.LinkConfig;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.NodeNames;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fuzzes the inbound ring's verify stage with arbitrary datagrams and serial frames, seeded with
 * Heartbeat messages captured on the wire, once for a node with Heartbeat keys and once for one
 * that takes Systole envelopes only: nothing this node cannot verify gets through, every such frame
 * leaves with a drop reason (which the logic stage counts), and nothing throws. {@code
 * JAZZER_FUZZ=1 mvn test -pl engine -am -Dtest=VerifyStageFuzzTest} fuzzes for real.
 */
class VerifyStageFuzzTest {
  private static final List<LinkConfig> LINKS =
      List.of(
          new LinkConfig.Ucast("eth0", "10.0.0.2", 694),
          new LinkConfig.Serial("/dev/ttyS0", 19200));
  private final VerifyStage stage =
      new VerifyStage(
          AuthKeys.of(1, Authenticator.sha1(1, "a-key-no-captured-message-was-signed-with")),
          NodeNames.of("n1", "n2"),
          0,
          LINKS);
  private final VerifyStage sealed =
      new VerifyStage(
          null,
          new EnvelopeReader(
              io.systole.media.secure.EnvelopeKeys.of(
                  2,
                  io.systole.media.secure.EnvelopeKey.of(
                      2,
                      io.systole.media.secure.SecureMode.HMAC_SHA256,
                      "a-key-the-fuzzer-does-not-have")),
              java.time.InstantSource.system()),
          NodeNames.of("n1", "n2"),
          0,
          LINKS);
  private final InboundSlot slot = new InboundSlot();

  @FuzzTest(maxDuration = "60s")
  void dropsEverythingItCannotVerify(final byte[] frame) throws Exception {
    for (int link = 0; link < LINKS.size(); link++) {
      slot.frame(link, ByteBuffer.wrap(frame), 1L);
      stage.onEvent(slot, 0, true);
      assertNotNull(slot.drop, "an unverifiable frame must be dropped");
      slot.frame(link, ByteBuffer.wrap(frame), 1L);
      sealed.onEvent(slot, 0, true);
      assertNotNull(slot.drop, "an unverifiable frame must be dropped where envelopes are due");
    }
  }
}
