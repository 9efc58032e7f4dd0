package io.systole.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away interface for broadcast and multicast tests (needs root, which CI has): a veth pair
 * whose near end {@code systest-<tag>a} sits in this namespace with address {@code 10.x.y.1/24},
 * and whose far end lives in a network namespace {@code systest-<tag>} made for it, so whatever we
 * send on it leaves the host nowhere. Removed on {@link #close()}.
 */
public final class TestNetwork implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String tag;
  private final String device;
  private final String namespace;
  private final String address;
  private final String broadcast;
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

  /** Creates the namespace, the veth pair and the address, and brings both ends up. */
  public void create() {
    if (!namespaceMade) {
      ip("netns", "add", namespace);
      namespaceMade = true;
    }
    ip("link", "add", device, "type", "veth", "peer", "name", device + "b", "netns", namespace);
    ip("addr", "add", address + "/24", "brd", "+", "dev", device);
    ip("link", "set", device, "up");
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
