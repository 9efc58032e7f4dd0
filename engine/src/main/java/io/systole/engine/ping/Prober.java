package io.systole.engine.ping;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Sends one echo request and waits for its reply. The daemon's is {@link #ICMP}; tests give their
 * own, so that the monitor's thread and verdicts run without a network.
 */
@FunctionalInterface
public interface Prober {
  /**
   * The JDK's {@link InetAddress#isReachable(int)}: an ICMP echo when the process may open a raw
   * socket (root or CAP_NET_RAW). Without that privilege the JDK 17 silently connects to TCP port 7
   * instead, and a host that refuses the connection counts as answering; {@link PingMonitor} warns
   * at start when that is the case.
   */
  Prober ICMP = InetAddress::isReachable;

  /**
   * Whether {@code address} answered within {@code timeoutMs}.
   *
   * @throws IOException when the probe could not be sent; the monitor counts it as no reply
   */
  boolean answers(InetAddress address, int timeoutMs) throws IOException;
}
