package io.systole.media;

import java.nio.ByteBuffer;

/**
 * One running medium: a UDP socket pair on an interface or a serial port. Frames it reads go to the
 * {@link FrameHandler}; {@link #send(ByteBuffer)} writes one. It reports its state to the {@link
 * LinkListener} and retries on its own after a failure until {@link Media#close()}.
 */
public interface Link {
  /** The link's index in the configured media list: dense, from 0, stable for the process. */
  int id();

  /** The stable name, {@link LinkConfig#name()}. */
  String name();

  /** The configuration it runs. */
  LinkConfig config();

  /** The current state. */
  LinkState state();

  /** The last failure, or null if the link has not failed since it was last up. */
  LinkFailure failure();

  /**
   * Sends one frame: the bytes of {@code frame} from its position to its limit, which are copied
   * before this returns (so the caller may reuse the buffer at once); the buffer's position is left
   * as it was. Never blocks on the medium. Safe from any thread.
   *
   * @return true if the frame was handed to the medium, false if it was dropped (link not up, too
   *     big, serial queue full; counted in {@link #stats()})
   */
  boolean send(ByteBuffer frame);

  /** A snapshot of the link's counters. */
  LinkStats stats();
}
