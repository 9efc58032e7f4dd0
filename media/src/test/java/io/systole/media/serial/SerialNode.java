package io.systole.media.serial;

import io.systole.media.FrameRecorder;
import io.systole.media.Link;
import io.systole.media.LinkConfig;
import io.systole.media.Media;
import io.systole.media.MediaContext;
import io.systole.media.TestThreads;
import io.systole.media.auth.AuthKeys;
import io.systole.media.auth.Authenticator;
import io.systole.media.wire.ClassicCodec;
import io.systole.media.wire.HeartbeatMessage;
import io.systole.media.wire.WireFormatException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test support: one node's serial media with a recorder, and signed classic frames. */
final class SerialNode implements AutoCloseable {
  static final String KEY = "serial-test-key";

  final FrameRecorder recorder = new FrameRecorder();
  final Media media;
  final String threads;

  private SerialNode(final MediaContext context, final List<LinkConfig> configs) {
    threads = context.threadNamePrefix();
    media = Media.start(context, configs, recorder, recorder);
  }

  /** A context for node {@code name}: fast retry, short reads, unique thread names, test keys. */
  static MediaContext context(final String name) {
    return new MediaContext()
        .retryInterval(Duration.ofMillis(100))
        .serialReadTimeout(Duration.ofMillis(50))
        .threadNamePrefix(TestThreads.uniquePrefix("serial-" + name))
        .nodeName(name)
        .authKeys(SerialNode::keys);
  }

  /** Node {@code name} with one serial link per device. */
  static SerialNode start(final String name, final String... devices) {
    return start(context(name), devices);
  }

  static SerialNode start(final MediaContext context, final String... devices) {
    final List<LinkConfig> configs = new ArrayList<>();
    for (final String d : devices) {
      configs.add(new LinkConfig.Serial(d, LinkConfig.DEFAULT_BAUD));
    }
    return new SerialNode(context, configs);
  }

  static AuthKeys keys() {
    return AuthKeys.of(1, Authenticator.sha1(1, KEY));
  }

  /** A signed classic frame from {@code src} with {@code ttl} and a {@code info} marker. */
  static byte[] frame(final String src, final int ttl, final String info) {
    final HeartbeatMessage m =
        HeartbeatMessage.builder()
            .add("t", "status")
            .add("st", "active")
            .add("info", info)
            .add("src", src)
            .add("seq", "1")
            .add("ttl", Integer.toString(ttl))
            .build();
    return new ClassicCodec(keys()).encode(m);
  }

  /** Decodes and authenticates a classic frame. */
  static HeartbeatMessage decode(final byte[] frame) throws WireFormatException {
    return new ClassicCodec(keys()).decode(frame);
  }

  /** Link {@code i}, after it reported up. */
  Link up(final int i) {
    final Link l = media.links().get(i);
    recorder.awaitUp(l);
    return l;
  }

  static ByteBuffer wrap(final byte[] b) {
    return ByteBuffer.wrap(b);
  }

  @Override
  public void close() {
    media.close();
    TestThreads.assertNoneLeft(threads);
  }
}
