package io.systole.media.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Captured messages decode, and re-encode to the very same bytes. */
class SampleMessagesTest {
  @Test
  void capturedStatusDatagramDecodesAndReencodesExactly() throws WireFormatException {
    final NetstringCodec codec = new NetstringCodec(Samples.sha1Keys());
    final HeartbeatMessage m = codec.decode(Samples.STATUS_DATAGRAM);
    assertEquals(
        List.of("t", "st", "dt", "protocol", "src", "srcuuid", "seq", "hg", "ts", "ld", "ttl"),
        m.fields().stream().map(HeartbeatMessage.Field::name).toList());
    assertEquals("status", m.get("t"));
    assertEquals("1388", m.get("dt"));
    assertEquals("1.93 1.10 0.49 4/139 20200", m.get("ld"));
    assertEquals(16, m.getBinary("srcuuid").length);
    assertEquals(1, m.field("srcuuid").type());
    assertArrayEquals(Samples.STATUS_DATAGRAM, codec.encode(m));
  }

  @Test
  void serialFrameOfProtocolMdDecodesAndReencodesExactly() throws WireFormatException {
    final ClassicCodec codec = new ClassicCodec(Samples.sha1Keys());
    final HeartbeatMessage m = codec.decode(Samples.SERIAL_FRAME);
    assertEquals("init", m.get("st"));
    assertEquals("n2", m.get("src"));
    assertEquals("yYcBO5bKT82Src6wgTxBBg==", m.field("srcuuid").text());
    assertArrayEquals(Samples.SERIAL_FRAME, codec.encode(m));
  }

  @Test
  void capturedMessageCrossesFramings() throws WireFormatException {
    final HeartbeatMessage m =
        new NetstringCodec(Samples.sha1Keys()).decode(Samples.STATUS_DATAGRAM);
    final ClassicCodec classic = new ClassicCodec(Samples.sha1Keys());
    final String frame = new String(classic.encode(m), java.nio.charset.StandardCharsets.US_ASCII);
    // The inner auth field of the capture, now as a classic line.
    assertEquals(
        true, frame.endsWith("auth=1 9b71adf8703b1c22c794cc515347bbeb1a7218c7\n<<<\n"), frame);
    assertEquals(m, classic.decode(classic.encode(m)));
  }
}
