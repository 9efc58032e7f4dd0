package io.systole.media.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.systole.media.AbstractLink;
import io.systole.media.DropReason;
import io.systole.media.FrameHandler;
import io.systole.media.LinkConfig;
import io.systole.media.LinkFailure;
import io.systole.media.LinkFailure.Kind;
import io.systole.media.LinkListener;
import io.systole.media.LinkState;
import io.systole.media.MediaContext;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One serial medium on jSerialComm: 8N1 at the configured baud, no flow control. A reader thread
 * opens the port (retrying every retry interval while the device is missing or refuses), reads with
 * a short timeout, splits the stream into classic frames and hands each to the frame handler, then
 * to the forwarder. A read that ends in error (end of file, EIO: the device vanished, as when a USB
 * adapter is unplugged or socat dies) closes the port at once, since jSerialComm keeps {@code
 * isOpen()} true and would fire its disconnect event in a tight loop, and is reported as {@link
 * Kind#DEVICE_GONE}. A cut cable is silence, not an error; the failure detector sees it. A writer
 * thread drains the link's {@link FrameQueue}, so {@link #send} never blocks on the line.
 */
final class SerialLink extends AbstractLink implements ClassicDeframer.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(SerialLink.class);
  private static final int READ_CHUNK = 4096;
  private static final long WRITER_POLL_MS = 100;

  private final LinkConfig.Serial serial;
  private final ClassicDeframer deframer;
  private final ByteBuffer rxView;
  private final byte[] readBuffer = new byte[READ_CHUNK];
  private final FrameQueue queue;
  private final ReentrantLock portLock = new ReentrantLock();
  private final Object sleeper = new Object();
  private final Thread reader;
  private final Thread writer;
  private volatile SerialPort port;
  private volatile boolean running = true;
  private Forwarder forwarder;

  SerialLink(
      final int id,
      final LinkConfig.Serial config,
      final MediaContext context,
      final FrameHandler handler,
      final LinkListener listener) {
    super(id, config, context, handler, listener);
    this.serial = config;
    this.deframer = new ClassicDeframer(context.maxFrameBytes(), this);
    this.rxView = ByteBuffer.wrap(deframer.buffer()).asReadOnlyBuffer();
    this.queue = new FrameQueue(context.serialQueueFrames());
    final String prefix = context.threadNamePrefix() + "-serial-" + config.device();
    this.reader = new Thread(this::readLoop, prefix + "-rx");
    this.writer = new Thread(this::writeLoop, prefix + "-tx");
    reader.setDaemon(true);
    writer.setDaemon(true);
  }

  /** Sets the forwarder, before {@link #start()}; read by the reader thread only. */
  void forwarder(final Forwarder f) {
    this.forwarder = f;
  }

  @Override
  public void start() {
    reader.start();
    writer.start();
  }

  @Override
  public boolean send(final ByteBuffer frame) {
    if (port == null) {
      drop(DropReason.SEND_LINK_DOWN, null);
      return false;
    }
    if (frame.remaining() > context().maxFrameBytes()) {
      drop(DropReason.SEND_OVERSIZED, null);
      return false;
    }
    if (!queue.offer(frame)) {
      drop(DropReason.SEND_QUEUE_FULL, null);
      return false;
    }
    countSent(frame.remaining());
    return true;
  }

  @Override
  public void close() {
    if (!markClosed()) {
      return;
    }
    running = false;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    queue.wake();
    join(reader);
    join(writer);
    closePort();
  }

  @Override
  public void frame(final byte[] buf, final int len) {
    rxView.limit(len).position(0);
    deliver(rxView, null);
    final Forwarder f = forwarder;
    if (f != null) {
      f.consider(this, buf, len);
    }
  }

  @Override
  public void dropped(final DropReason reason) {
    drop(reason, null);
  }

  /** Counts a frame forwarded from here. */
  void forwardedOne() {
    countForwarded();
  }

  /** Counts a frame not forwarded because its ttl was spent. */
  void ttlSpentOne() {
    countTtlSpent();
  }

  /** Counts a frame not forwarded because it is not an authentic message. */
  void rejectedOne() {
    countForwardRejected();
  }

  private void readLoop() {
    while (running) {
      try {
        readOnce();
      } catch (RuntimeException e) {
        // A bug must not end the link silently: report it and start afresh after a pause.
        LOG.warn("link {}: reader failed", name(), e);
        lost(Kind.DEVICE_GONE, "reader failed: " + e);
      }
    }
  }

  /** Opens the port if it is closed, then reads once and feeds what came to the deframer. */
  private void readOnce() {
    SerialPort p = port;
    if (p == null) {
      countAttempt();
      final LinkFailure f = open();
      if (f != null) {
        markFailed(f);
        pause();
        return;
      }
      p = port;
      markUp();
    }
    final int n = p.readBytes(readBuffer, readBuffer.length, 0);
    if (n > 0) {
      deframer.feed(readBuffer, 0, n);
    } else if (n < 0 && running) {
      lost(Kind.DEVICE_GONE, "read failed (error " + p.getLastErrorCode() + "): device gone");
    }
  }

  /** The port broke: close it at once, drop a partial frame, report, wait a retry interval. */
  private void lost(final Kind kind, final String detail) {
    closePort();
    deframer.reset();
    markFailed(new LinkFailure(serial.device(), kind, detail));
    pause();
  }

  private LinkFailure open() {
    final String dev = serial.device();
    if (!Files.exists(Path.of(dev))) {
      return new LinkFailure(dev, Kind.NO_SUCH_DEVICE, "no such device");
    }
    final SerialPort p;
    try {
      p = SerialPort.getCommPort(dev);
    } catch (SerialPortInvalidPortException e) {
      return new LinkFailure(dev, Kind.NO_SUCH_DEVICE, "not a serial port: " + e.getMessage());
    } catch (LinkageError e) {
      return new LinkFailure(dev, Kind.OPEN_FAILED, "jSerialComm native library: " + e);
    }
    p.setComPortParameters(serial.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    p.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
        (int) context().serialReadTimeout().toMillis(),
        (int) context().serialWriteTimeout().toMillis());
    if (!p.openPort(0)) {
      return new LinkFailure(
          dev, Kind.OPEN_FAILED, "cannot open (error " + p.getLastErrorCode() + ")");
    }
    portLock.lock();
    try {
      port = p;
    } finally {
      portLock.unlock();
    }
    return null;
  }

  private void closePort() {
    portLock.lock();
    try {
      final SerialPort p = port;
      port = null;
      if (p != null) {
        p.closePort();
      }
    } finally {
      portLock.unlock();
    }
  }

  private void writeLoop() {
    while (running) {
      final int i;
      try {
        i = queue.await(WRITER_POLL_MS);
      } catch (InterruptedException e) {
        return;
      }
      if (i < 0) {
        continue;
      }
      final byte[] frame = queue.slot(i);
      final int len = queue.length(i);
      portLock.lock();
      try {
        if (!write(port, frame, len)) {
          drop(DropReason.SEND_FAILED, null);
        }
      } finally {
        portLock.unlock();
        queue.release();
      }
    }
  }

  private static boolean write(final SerialPort p, final byte[] frame, final int len) {
    if (p == null) {
      return false;
    }
    int off = 0;
    while (off < len) {
      final int w = p.writeBytes(frame, len - off, off);
      if (w <= 0) {
        return false;
      }
      off += w;
    }
    return true;
  }

  /** Waits one retry interval, or until close. */
  private void pause() {
    synchronized (sleeper) {
      if (running && state() != LinkState.CLOSED) {
        try {
          sleeper.wait(context().retryInterval().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  private static void join(final Thread t) {
    if (t.isAlive() && t != Thread.currentThread()) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn("thread {} did not stop", t.getName());
      }
    }
  }
}
