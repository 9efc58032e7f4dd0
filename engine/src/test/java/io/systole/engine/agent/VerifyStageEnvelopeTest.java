package io.systole.engine.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.media.LinkConfig;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.secure.EnvelopeKey;
import io.systole.media.secure.EnvelopeKeys;
import io.systole.media.secure.SecureMode;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.NetstringCodec;
import io.systole.media.wire.NodeNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Systole envelopes through the verify stage, as the daemon wires them: a sealed status message is
 * read on UDP and (in its hex carrier) on a serial line, copies still prove their medium, forged or
 * plain messages are dropped with the right reason, and a node in the migration state reads both
 * kinds.
 */
class VerifyStageEnvelopeTest {
  private static final List<LinkConfig> LINKS =
      List.of(
          new LinkConfig.Ucast("eth0", "10.0.0.2", 694),
          new LinkConfig.Serial("/dev/ttyS0", 19200));
  private static final int UDP = 0;
  private static final int SERIAL = 1;
  private static final long GEN = 1_700_000_000L;
  private static final NodeNames NODES = NodeNames.of("n1", "n2");
  private static final Announcement SAYS =
      new Announcement(
          "n2",
          List.of("10.0.0.50"),
          List.of(3L),
          true,
          List.of(),
          List.of(),
          List.of(),
          List.of("n1"),
          List.of("gw"),
          false);

  private final InboundSlot slot = new InboundSlot();

  private static EnvelopeKeys keys(final SecureMode mode, final String secret) {
    return EnvelopeKeys.of(2, EnvelopeKey.of(2, mode, secret));
  }

  private static VerifyStage stage(final EnvelopeKeys keys, final AuthKeys heartbeat) {
    return new VerifyStage(
        heartbeat, new EnvelopeReader(keys, InstantSource.system()), NODES, 0, LINKS);
  }

  private static HeartbeatMessage status(final String src, final long seq) {
    return StatusMessages.status(src, seq, GEN, 5000, 3, GEN, SAYS);
  }

  private void feed(final VerifyStage stage, final int link, final ByteBuffer frame) {
    slot.frame(link, frame.duplicate(), 1L);
    stage.onEvent(slot, 0, true);
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void aSealedStatusIsReadOnEveryMediumAndCopiesStillCount(final SecureMode mode) {
    final VerifyStage stage = stage(keys(mode, "cluster-secret"), null);
    final EnvelopeWriter n2 = new EnvelopeWriter(keys(mode, "cluster-secret"), "n2", GEN);
    final ByteBuffer udp = n2.seal(status("n2", 1)).duplicate();
    final ByteBuffer serial = n2.serialFrame(3);
    for (final int link : new int[] {UDP, SERIAL, UDP}) {
      feed(stage, link, link == UDP ? udp : serial);
      assertNull(slot.drop, "link " + link);
      assertEquals(1, slot.sender);
      assertEquals(GEN, slot.generation);
      assertEquals(1, slot.seq);
      assertTrue(slot.status);
      assertEquals(SAYS, slot.announcement);
    }
  }

  @org.junit.jupiter.api.Test
  void anEncryptedHeartbeatShowsNothingOfWhatItSays() {
    final EnvelopeWriter n2 =
        new EnvelopeWriter(keys(SecureMode.AES256_GCM, "cluster-secret"), "n2", GEN);
    final ByteBuffer sealed = n2.seal(status("n2", 1));
    final String onTheWire =
        new String(
            sealed.array(), sealed.position(), sealed.remaining(), StandardCharsets.ISO_8859_1);
    for (final String secret : List.of("status", "10.0.0.50", "sy_hold", "active")) {
      assertFalse(onTheWire.contains(secret), secret + " readable on the wire");
    }
    assertTrue(onTheWire.contains("n2"), "the sender's name travels in clear (it picks the key)");
    final ByteBuffer hmac =
        new EnvelopeWriter(keys(SecureMode.HMAC_SHA256, "cluster-secret"), "n2", GEN)
            .seal(status("n2", 1));
    assertTrue(
        new String(hmac.array(), hmac.position(), hmac.remaining(), StandardCharsets.ISO_8859_1)
            .contains("10.0.0.50"),
        "HMAC mode authenticates but does not hide");
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void forgedOrForeignEnvelopesAreDropped(final SecureMode mode) {
    final VerifyStage stage = stage(keys(mode, "cluster-secret"), null);
    final ByteBuffer other =
        new EnvelopeWriter(keys(mode, "another-cluster"), "n2", GEN).seal(status("n2", 1));
    feed(stage, UDP, other);
    assertEquals(Drop.BAD_AUTH, slot.drop);

    final EnvelopeWriter n2 = new EnvelopeWriter(keys(mode, "cluster-secret"), "n2", GEN);
    final ByteBuffer sealed = n2.seal(status("n2", 2));
    final byte[] flipped = new byte[sealed.remaining()];
    sealed.duplicate().get(flipped);
    flipped[flipped.length - 3] ^= 0x40;
    feed(stage, UDP, ByteBuffer.wrap(flipped));
    assertEquals(Drop.BAD_AUTH, slot.drop);

    final ByteBuffer lying = n2.seal(status("n1", 3));
    feed(stage, UDP, lying);
    assertEquals(Drop.OWN, slot.drop, "claims to be this node");
    final ByteBuffer impostor =
        new EnvelopeWriter(keys(mode, "cluster-secret"), "n3", GEN).seal(status("n2", 1));
    feed(stage, UDP, impostor);
    assertEquals(Drop.BAD_AUTH, slot.drop, "sealed by n3, claims to come from n2");
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void aPlainHeartbeatMessageIsUnsealedWhereOnlyEnvelopesCount(final SecureMode mode) {
    final VerifyStage stage = stage(keys(mode, "cluster-secret"), null);
    final byte[] plain = new NetstringCodec(HeartbeatKeys.inner()).encode(status("n2", 1));
    feed(stage, UDP, ByteBuffer.wrap(plain));
    assertEquals(Drop.UNSEALED, slot.drop, "crc inside an envelope is not crc outside one");
    assertFalse(slot.status);
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void theMigrationStateReadsBothKinds(final SecureMode mode) {
    final AuthKeys sha1 = AuthKeys.of(1, Authenticator.sha1(1, "heartbeat-secret"));
    final VerifyStage stage = stage(keys(mode, "cluster-secret"), sha1);
    feed(stage, UDP, ByteBuffer.wrap(new NetstringCodec(sha1).encode(status("n2", 1))));
    assertNull(slot.drop);
    assertEquals(1, slot.seq);
    final EnvelopeWriter n2 = new EnvelopeWriter(keys(mode, "cluster-secret"), "n2", GEN);
    n2.seal(status("n2", 2));
    feed(stage, SERIAL, n2.serialFrame(2));
    assertNull(slot.drop);
    assertEquals(2, slot.seq);
  }

  @org.junit.jupiter.api.Test
  void aGarbledOrMissingClaimNumberCostsOnlyTheNumberNotTheClaim() {
    final AuthKeys sha1 = AuthKeys.of(1, Authenticator.sha1(1, "heartbeat-secret"));
    final VerifyStage stage = stage(keys(SecureMode.HMAC_SHA256, "cluster-secret"), sha1);
    final Announcement two =
        new Announcement(
            "n2",
            List.of("g1", "g2"),
            List.of(5L, 6L),
            true,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            true);
    final HeartbeatMessage sent = StatusMessages.status("n2", 1, GEN, 5000, 3, GEN, two);
    assertEquals("5 6", sent.get("sy_term"));
    feed(stage, UDP, ByteBuffer.wrap(new NetstringCodec(sha1).encode(sent)));
    assertEquals(two, slot.announcement);
    feed(
        stage,
        UDP,
        ByteBuffer.wrap(
            new NetstringCodec(sha1).encode(sent.with("sy_term", "zz").with("seq", "2"))));
    assertNull(slot.drop);
    assertEquals(List.of("g1", "g2"), slot.announcement.claims());
    assertEquals(List.of(0L, 0L), slot.announcement.claimTerms(), "unreadable: the oldest");
  }
}
