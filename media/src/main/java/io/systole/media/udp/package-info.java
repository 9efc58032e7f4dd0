/**
 * Heartbeat's UDP media on Netty 4.2: {@code bcast} (the interface's directed broadcast address),
 * {@code mcast} (a group joined on the interface, with ttl and loop) and {@code ucast} (one peer),
 * on native epoll when available and NIO otherwise. See {@link io.systole.media.udp.UdpMedia}.
 */
package io.systole.media.udp;
