package io.systole.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.PeerClaim;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The decoder's answers to frames this build must not read: each names the index and the cause. */
class FrameDecoderTest {
  private final FrameEncoder encoder = new FrameEncoder("ha1", 41, ChainHash.genesis());
  private final FrameDecoder decoder = new FrameDecoder();

  private byte[] frame(final int length) {
    return Arrays.copyOf(encoder.buffer(), length);
  }

  @Test
  void unknownTypeIdNamesIndexTypeAndVersion() {
    final int length = encoder.encode(1L, new NodeUp("ha2", "bcast eth1"));
    final byte[] frame = frame(length);
    Frames.retype(frame, length, 999, 1);
    final JournalFormatException e =
        assertThrows(JournalFormatException.class, () -> decoder.decode(41, frame, length));
    assertFalse(e instanceof JournalCorruptException, "an unknown type is not damage");
    assertEquals(41, e.index());
    assertTrue(e.getMessage().contains("entry 41"), e.getMessage());
    assertTrue(e.getMessage().contains("type id 999"), e.getMessage());
    assertTrue(e.getMessage().contains("version 1"), e.getMessage());
  }

  @Test
  void newerEventVersionNamesIndexTypeAndVersion() {
    final int length = encoder.encode(1L, new DaemonStopped("SIGTERM"));
    final byte[] frame = frame(length);
    Frames.retype(frame, length, EventType.DAEMON_STOPPED.id(), 2);
    final JournalFormatException e =
        assertThrows(JournalFormatException.class, () -> decoder.decode(41, frame, length));
    assertTrue(e.getMessage().contains("type id 61 version 2"), e.getMessage());
    assertTrue(e.getMessage().contains("DAEMON_STOPPED is read up to version 1"), e.getMessage());
  }

  @Test
  void configLoadedVersionOneReadsWithAnEmptyLayout() {
    // Version 1 of CONFIG_LOADED held two strings, exactly the payload of a NodeUp.
    final int length = encoder.encode(1L, new NodeUp("/etc/ha.d", "9f86d081"));
    final byte[] frame = frame(length);
    Frames.retype(frame, length, EventType.CONFIG_LOADED.id(), 1);
    final ConfigLoaded read = (ConfigLoaded) decoder.decode(41, frame, length).event();
    assertEquals(new ConfigLoaded("/etc/ha.d", "9f86d081"), read);
    assertTrue(read.nodes().isEmpty() && read.groups().isEmpty());
  }

  @Test
  void peerClaimVersionOneReadsAsTermZero() {
    // Version 1 of PEER_CLAIM held two strings, exactly the payload of a LinkUp.
    final int length = encoder.encode(1L, new LinkUp("ha2", "web"));
    final byte[] frame = frame(length);
    Frames.retype(frame, length, EventType.PEER_CLAIM.id(), 1);
    assertEquals(new PeerClaim("ha2", "web", 0), decoder.decode(41, frame, length).event());
  }

  @Test
  void newerFrameFormatIsAFormatError() {
    final int length = encoder.encode(1L, new DaemonStopped("SIGTERM"));
    final byte[] frame = frame(length);
    frame[FrameLayout.FORMAT_OFFSET] = 2;
    Frames.sealCrc(frame, length);
    final JournalFormatException e =
        assertThrows(JournalFormatException.class, () -> decoder.decode(41, frame, length));
    assertTrue(e.getMessage().contains("frame format 2"), e.getMessage());
  }

  @Test
  void frameAtTheWrongPlaceIsCorrupt() {
    final int length = encoder.encode(1L, new DaemonStopped("SIGTERM"));
    final JournalCorruptException e =
        assertThrows(
            JournalCorruptException.class, () -> decoder.decode(40, frame(length), length));
    assertTrue(e.getMessage().contains("claims index 41"), e.getMessage());
  }

  @Test
  void fieldRunningPastTheEndIsCorrupt() {
    final int length = encoder.encode(1L, new DaemonStopped("SIGTERM"));
    final byte[] frame = frame(length);
    final int reasonLength = FrameLayout.NODE_OFFSET + 2 + "ha1".length();
    frame[reasonLength] = (byte) 0xFF;
    frame[reasonLength + 1] = (byte) 0xFF;
    Frames.sealCrc(frame, length);
    final JournalCorruptException e =
        assertThrows(JournalCorruptException.class, () -> decoder.decode(41, frame, length));
    assertTrue(e.getMessage().contains("needs 65535 bytes"), e.getMessage());
  }

  @Test
  void oversizedEventIsRefusedAndTheChainDoesNotMove() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> encoder.encode(1L, new DaemonStopped("x".repeat(70_000))));
    assertTrue(e.getMessage().contains("65535"), e.getMessage());
    assertEquals(41, encoder.nextIndex());
  }
}
