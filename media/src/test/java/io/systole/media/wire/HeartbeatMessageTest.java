package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Editing a message the way a serial forwarder does. */
class HeartbeatMessageTest {
  @Test
  void withReplacesTheFirstStringFieldInPlaceAndKeepsTheRest() throws Exception {
    final ClassicCodec classic = new ClassicCodec(Samples.sha1Keys());
    final HeartbeatMessage m = classic.decode(Samples.SERIAL_FRAME);
    final HeartbeatMessage hop = m.with("ttl", "2");
    assertEquals("2", hop.get("ttl"));
    assertEquals("3", m.get("ttl"), "the original is unchanged");
    final List<String> names = hop.fields().stream().map(HeartbeatMessage.Field::name).toList();
    assertEquals(m.fields().stream().map(HeartbeatMessage.Field::name).toList(), names);
    assertEquals(m, hop.with("ttl", "3"));
    assertEquals(hop, classic.decode(classic.encode(hop)), "re-signed, it verifies");
  }

  @Test
  void withRefusesAMissingFieldABinaryFieldOrABadValue() throws Exception {
    final HeartbeatMessage m = new ClassicCodec(Samples.sha1Keys()).decode(Samples.SERIAL_FRAME);
    assertThrows(IllegalArgumentException.class, () -> m.with("nope", "1"));
    assertThrows(IllegalArgumentException.class, () -> m.with("srcuuid", "1"));
    assertThrows(IllegalArgumentException.class, () -> m.with("ttl", "1\n"));
  }
}
