package io.systole.bench;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP round trip on loopback through a real Systole node against a bare Netty echo of the same
 * bytes. {@link #rings}: the benchmark, as peer node {@value LoopbackNode#PEER}, sends a signed
 * {@code reqnodes} to a {@link LoopbackNode} and waits for its {@code repnodes}; the request goes
 * the whole production path, unchanged: the ucast socket's event loop copies it into the inbound
 * ring, {@code systole-verify} decodes and authenticates it, {@code systole-logic} judges its
 * sequence number and asks for the answer on the outbound ring, {@code systole-send} builds,
 * encodes and signs the {@code repnodes} and hands it to the socket, whose event loop sends it.
 * {@link #nettyEcho}, the baseline: a {@link NettyEcho} on the same address and transport that
 * answers each request at once, on its event loop, with a prebuilt {@code repnodes} of the same
 * fields and size. The client ({@link LoopbackPeer}) is the same code for both; one request is
 * outstanding at a time.
 *
 * <p>{@code wait} is the node's {@code systole_wait_strategy}: what its three ring threads do while
 * waiting for work. The set-up logs the transport; the trial's tear-down logs, per measured round
 * trip, the bytes the client thread and the server's threads allocated and the CPU time the
 * server's threads used (JMH's GC profiler only gives the whole JVM's allocation).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class RingRoundTrip extends RunLength {
  private static final Logger LOG = LoggerFactory.getLogger(RingRoundTrip.class);

  /**
   * What both sides share: the peer, the server's set-up and tear-down, and the books of the
   * server's threads per iteration.
   */
  public abstract static class Trip {
    LoopbackPeer peer;
    private AutoCloseable server;
    private ThreadCost serverThreads;

    /** Starts the server at {@link LoopbackPeer#SERVER_HOST} and {@code port}. */
    abstract AutoCloseable start(int port);

    /** What the server is, for the log. */
    abstract String describe();

    /** The server's state, for the message of a failed round trip. */
    abstract String diagnostics();

    /** Whether the thread named {@code name} is one of the server's. */
    abstract boolean serverThread(String name);

    /** Starts the server and brings the peer's first request through. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      peer = new LoopbackPeer();
      try {
        server = start(peer.port());
        peer.handshake(this::diagnostics);
        serverThreads = ThreadCost.of(this::serverThread);
        LOG.info("{} on {}:{}", describe(), LoopbackPeer.SERVER_HOST, peer.port());
      } catch (IOException | RuntimeException e) {
        tearDown();
        throw e;
      }
    }

    /** Starts the iteration's books. */
    @Setup(Level.Iteration)
    public void begin() {
      peer.begin(serverThreads);
    }

    /** Ends the iteration's books; only measured iterations count. */
    @TearDown(Level.Iteration)
    public void end(final IterationParams iteration) {
      peer.end(iteration.getType() == IterationType.MEASUREMENT);
    }

    /** Logs the books, then stops the server and closes the peer. */
    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        if (serverThreads != null) {
          LOG.info("{}: {}", describe(), peer.summary());
        }
      } finally {
        try {
          if (server != null) {
            server.close();
          }
        } catch (Exception e) {
          throw new IllegalStateException("stopping the server failed", e);
        } finally {
          peer.close();
          server = null;
          serverThreads = null;
        }
      }
    }
  }

  /** A Systole node on loopback, its rings waiting with {@link #wait}. */
  @State(Scope.Thread)
  public static class Rings extends Trip {
    /** The node's {@code systole_wait_strategy}. */
    @Param({"blocking", "sleeping", "yielding", "busyspin"})
    public String wait;

    private LoopbackNode node;

    @Override
    AutoCloseable start(final int port) {
      node = LoopbackNode.start(LoopbackPeer.PEER_HOST, port, wait);
      return node;
    }

    @Override
    String describe() {
      return "Systole node, wait strategy " + wait + ", UDP transport " + transport();
    }

    @Override
    String diagnostics() {
      return node.diagnostics();
    }

    @Override
    boolean serverThread(final String name) {
      return name.startsWith("systole-");
    }
  }

  /** The baseline: a bare Netty echo server on loopback. */
  @State(Scope.Thread)
  public static class Echo extends Trip {
    @Override
    AutoCloseable start(final int port) {
      // A node's seq has five hex digits over most of a trial, and its generation is now.
      final byte[] reply = LoopbackPeer.repnodes(0x5a5a5, System.currentTimeMillis() / 1000L);
      return NettyEcho.start(new InetSocketAddress(LoopbackPeer.SERVER_HOST, port), reply);
    }

    @Override
    String describe() {
      return "Netty echo server, UDP transport " + transport();
    }

    @Override
    String diagnostics() {
      return describe();
    }

    @Override
    boolean serverThread(final String name) {
      return name.startsWith(NettyEcho.THREAD_PREFIX);
    }
  }

  /** The transport both servers pick: native epoll when it loads, else NIO. */
  static String transport() {
    return Epoll.isAvailable() ? "epoll" : "nio";
  }

  /** Through the rings: reqnodes in, repnodes out, by Systole's production path. */
  @Benchmark
  public int rings(final Rings s) throws IOException {
    return s.peer.roundTrip();
  }

  /** Baseline: the same exchange with a bare Netty echo server. */
  @Benchmark
  public int nettyEcho(final Echo s) throws IOException {
    return s.peer.roundTrip();
  }
}
