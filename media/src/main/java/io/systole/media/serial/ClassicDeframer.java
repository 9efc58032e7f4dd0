package io.systole.media.serial;

import io.systole.media.DropReason;

/**
 * Splits a serial byte stream into Heartbeat classic frames: from a {@code >>>\n} to the next line
 * that is exactly {@code <<<}, both included. Bounded and self-resynchronising: bytes outside a
 * frame are skipped (one {@link DropReason#MALFORMED} per run of them), a {@code >>>} line inside a
 * frame drops the partial frame ({@link DropReason#TRUNCATED}) and starts a new one, and a frame
 * that outgrows the buffer is dropped ({@link DropReason#OVERSIZED}) and skipped up to its {@code
 * <<<} or the next {@code >>>}. Outside frames, {@code >>>\n} is recognised even after noise on the
 * same line, so line noise before a frame does not cost the frame. Frames are only split here;
 * their content is checked by {@link io.systole.media.wire.ClassicCodec}. One thread; no allocation
 * after construction.
 */
final class ClassicDeframer {
  /** Where complete frames and drops go. */
  interface Sink {
    /** A frame is in {@code buf[0, len)}, valid until the next call into the deframer. */
    void frame(byte[] buf, int len);

    /** A frame or a run of noise was dropped. */
    void dropped(DropReason reason);
  }

  private static final int START_WORD = ('>' << 24) | ('>' << 16) | ('>' << 8) | '\n';
  private static final int END_WORD = ('<' << 24) | ('<' << 16) | ('<' << 8) | '\n';
  private static final int HUNT = 0;
  private static final int FRAME = 1;
  private static final int SKIP = 2;

  private final byte[] buf;
  private final Sink sink;
  private int state = HUNT;
  private int len;
  private int lineStart;
  private int roll;
  private int lineBytes;
  private boolean inNoise;

  /**
   * A deframer for frames of at most {@code maxFrame} bytes (at least 8), reporting to {@code
   * sink}.
   */
  ClassicDeframer(final int maxFrame, final Sink sink) {
    if (maxFrame < 8) {
      throw new IllegalArgumentException("maxFrame must be at least 8: " + maxFrame);
    }
    this.buf = new byte[maxFrame];
    this.sink = sink;
  }

  /** The frame buffer (frames are delivered in it). */
  byte[] buffer() {
    return buf;
  }

  /** Feeds {@code data[off, off+n)}. */
  void feed(final byte[] data, final int off, final int n) {
    for (int i = off; i < off + n; i++) {
      step(data[i]);
    }
  }

  /** The stream broke (device lost): a partial frame is dropped as truncated; start afresh. */
  void reset() {
    if (state == FRAME) {
      sink.dropped(DropReason.TRUNCATED);
    }
    hunt();
  }

  private void step(final byte b) {
    if (state == FRAME) {
      if (len < buf.length) {
        inFrame(b);
        return;
      }
      sink.dropped(DropReason.OVERSIZED);
      state = SKIP;
      lineBytes = len - lineStart;
      roll = 0;
    }
    roll = (roll << 8) | (b & 0xff);
    if (b != '\n') {
      lineBytes = Math.min(lineBytes + 1, Integer.MAX_VALUE - 1);
      return;
    }
    if (roll == START_WORD) {
      if (state == HUNT && lineBytes > 3) {
        noise();
      }
      startFrame();
      return;
    }
    if (state == SKIP) {
      if (lineBytes == 3 && roll == END_WORD) {
        hunt();
      }
      lineBytes = 0;
      return;
    }
    if (lineBytes > 0) {
      noise();
    }
    lineBytes = 0;
  }

  private void inFrame(final byte b) {
    buf[len++] = b;
    if (b != '\n') {
      return;
    }
    if (len - 1 - lineStart == 3) {
      if (is(lineStart, '<')) {
        sink.frame(buf, len);
        hunt();
        return;
      }
      if (is(lineStart, '>')) {
        sink.dropped(DropReason.TRUNCATED);
        startFrame();
        return;
      }
    }
    lineStart = len;
  }

  private boolean is(final int at, final char c) {
    return buf[at] == c && buf[at + 1] == c && buf[at + 2] == c;
  }

  private void noise() {
    if (!inNoise) {
      inNoise = true;
      sink.dropped(DropReason.MALFORMED);
    }
  }

  private void startFrame() {
    buf[0] = '>';
    buf[1] = '>';
    buf[2] = '>';
    buf[3] = '\n';
    len = 4;
    lineStart = 4;
    state = FRAME;
    inNoise = false;
  }

  private void hunt() {
    state = HUNT;
    len = 0;
    lineStart = 0;
    roll = 0;
    lineBytes = 0;
    inNoise = false;
  }
}
