package io.systole.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away network for broadcast and multicast tests (needs root, which CI has): a veth pair
 * whose near end {@code systest-<tag>a} sits in this namespace with address {@code 10.x.y.1/24},
 * and whose far end {@code systest-<tag>b} ({@code 10.x.y.2/24}) lives in a network namespace
 * {@code systest-<tag>} made for it: another host on the same wire, where socat can listen and
 * send. Nothing we send leaves the machine. Removed on {@link #close()}.
 */
public final class TestNetwork implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String tag;
  private final String device;
  private final String namespace;
  private final String address;
  private final String broadcast;
  private final String farAddress;
  private boolean namespaceMade;

  private TestNetwork() {
    final long n = ProcessHandle.current().pid() * 16 + COUNTER.getAndIncrement();
    this.tag = Long.toString(n % (36L * 36 * 36 * 36 * 36), 36);
    this.device = "systest-" + tag + "a";
    this.namespace = "systest-" + tag;
    final int x = (int) (n >> 8) & 0xff;
    final int y = (int) n & 0xff;
    this.address = "10." + x + "." + y + ".1";
    this.broadcast = "10." + x + "." + y + ".255";
    this.farAddress = "10." + x + "." + y + ".2";
  }

  /** Names and addresses for a network that does not exist yet; {@link #create()} makes it. */
  public static TestNetwork reserve() {
    return new TestNetwork();
  }

  /** A network, created. */
  public static TestNetwork up() {
    final TestNetwork t = new TestNetwork();
    t.create();
    return t;
  }

  /** The near interface's name (at most 15 characters). */
  public String device() {
    return device;
  }

  /** The near interface's IPv4 address. */
  public String address() {
    return address;
  }

  /** The near interface's broadcast address. */
  public String broadcast() {
    return broadcast;
  }

  /** The far end's address: the other host on the wire. */
  public String farAddress() {
    return farAddress;
  }

  /**
   * Starts socat on the far host to receive one datagram on {@code port} (having joined {@code
   * group} on its interface, unless null); it prints the payload and exits.
   */
  public Process receiveOnFarHost(final int port, final String group) throws IOException {
    final String join = group == null ? "" : ",ip-add-membership=" + group + ":" + device + "b";
    return new ProcessBuilder(
            "ip",
            "netns",
            "exec",
            namespace,
            "socat",
            "-u",
            "UDP4-RECVFROM:" + port + ",reuseaddr" + join,
            "STDOUT")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Sends {@code text} as one datagram from the far host to {@code to}:{@code port}. */
  public void sendFromFarHost(final String to, final int port, final String text)
      throws IOException {
    final Process p =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                namespace,
                "socat",
                "-u",
                "STDIN",
                "UDP4-DATAGRAM:" + to + ":" + port + ",broadcast,ip-multicast-if=" + farAddress)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "socat send failed: "
                + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code send} every 50 ms until {@code receiver} (from {@link #receiveOnFarHost}) got a
   * datagram, as heartbeats repeat until heard; returns what it got.
   */
  public static String untilReceived(final Process receiver, final Runnable send) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      while (System.nanoTime() < deadline) {
        send.run();
        if (receiver.waitFor(50, TimeUnit.MILLISECONDS)) {
          return new String(receiver.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
      }
      throw new AssertionError("the far host received nothing in 5 s");
    } finally {
      receiver.destroyForcibly();
    }
  }

  /** Creates the namespace, the veth pair and the address, and brings both ends up. */
  public void create() {
    if (!namespaceMade) {
      ip("netns", "add", namespace);
      namespaceMade = true;
    }
    ip("link", "add", device, "type", "veth", "peer", "name", device + "b", "netns", namespace);
    ip("addr", "add", address + "/24", "brd", "+", "dev", device);
    ip("link", "set", device, "up");
    ip("-n", namespace, "addr", "add", farAddress + "/24", "brd", "+", "dev", device + "b");
    ip("-n", namespace, "link", "set", device + "b", "up");
  }

  /** Sets the near end administratively down. */
  public void setDown() {
    ip("link", "set", device, "down");
  }

  /** Sets the near end up again. */
  public void setUp() {
    ip("link", "set", device, "up");
  }

  /** Deletes the veth pair (both ends), keeping the namespace. */
  public void removeInterface() {
    ip("link", "del", device);
  }

  @Override
  public void close() {
    quietly("link", "del", device);
    if (namespaceMade) {
      quietly("netns", "del", namespace);
    }
  }

  private static void ip(final String... args) {
    final String out = run(args);
    if (out != null) {
      throw new IllegalStateException("ip " + String.join(" ", args) + ": " + out);
    }
  }

  private static void quietly(final String... args) {
    run(args);
  }

  /** Runs ip; null on success, else its output. */
  private static String run(final String... args) {
    final List<String> cmd = new ArrayList<>();
    cmd.add("ip");
    cmd.addAll(List.of(args));
    try {
      final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "timed out";
      }
      return p.exitValue() == 0 ? null : out.strip() + " (exit " + p.exitValue() + ")";
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }
}
