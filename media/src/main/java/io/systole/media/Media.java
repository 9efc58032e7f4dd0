package io.systole.media;

import io.systole.media.MediaContext.UdpTransport;
import io.systole.media.serial.SerialMedia;
import io.systole.media.udp.UdpMedia;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A node's heartbeat media, running: one {@link Link} per configured medium. Each link binds or
 * opens its medium on its own and keeps retrying after a failure, so one missing interface or busy
 * port never stops the others. Frames read on any link go to one {@link FrameHandler}; state
 * changes go to one {@link LinkListener}.
 *
 * <pre>{@code
 * Media media = Media.start(new MediaContext().nodeName("n1").authKeys(keys), configs,
 *     (link, frame, source) -> ring.publish(link.id(), frame, source), listener);
 * media.link("bcast eth1").send(frame);
 * }</pre>
 */
public final class Media implements AutoCloseable {
  private final List<AbstractLink> links;
  private final List<Link> view;
  private final UdpMedia udp;

  private Media(final List<AbstractLink> links, final UdpMedia udp) {
    this.links = links;
    this.view = Collections.unmodifiableList(links);
    this.udp = udp;
  }

  /**
   * Starts a link for each of {@code configs}, with ids 0, 1, ... in that order, and returns at
   * once; links report {@code linkUp} or {@code linkFailed} as their first attempt ends.
   *
   * @throws IllegalArgumentException on a bad context or two media with the same name
   * @throws IllegalStateException if the epoll transport is required but unavailable
   */
  public static Media start(
      final MediaContext context,
      final List<? extends LinkConfig> configs,
      final FrameHandler handler,
      final LinkListener listener) {
    context.conclude();
    final Set<String> names = new HashSet<>();
    int serials = 0;
    for (final LinkConfig c : configs) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("medium configured twice: " + c.name());
      }
      serials += c instanceof LinkConfig.Serial ? 1 : 0;
    }
    context.concludeForwarding(serials);
    final UdpMedia udp = serials < configs.size() ? UdpMedia.start(context) : null;
    final List<AbstractLink> links = new ArrayList<>();
    final Media media = new Media(links, udp);
    try {
      final SerialMedia serial = new SerialMedia(context, handler, listener);
      for (int id = 0; id < configs.size(); id++) {
        final LinkConfig c = configs.get(id);
        links.add(
            c instanceof LinkConfig.Serial s
                ? serial.newLink(id, s)
                : udp.newLink(id, c, handler, listener));
      }
      serial.connectRing();
      for (final AbstractLink link : links) {
        link.start();
      }
    } catch (RuntimeException | Error e) {
      media.close();
      throw e;
    }
    return media;
  }

  /** The links, by id. */
  public List<Link> links() {
    return view;
  }

  /** The link named {@code name} ({@link LinkConfig#name()}), or null. */
  public Link link(final String name) {
    for (final Link l : links) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    return null;
  }

  /** A snapshot of every link's counters, by id. */
  public List<LinkStats> stats() {
    final List<LinkStats> out = new ArrayList<>(links.size());
    for (final Link l : links) {
      out.add(l.stats());
    }
    return out;
  }

  /** The UDP transport in use (epoll or NIO), or null if there are no UDP media. */
  public UdpTransport udpTransport() {
    return udp == null ? null : udp.transport();
  }

  /** Closes every link, then stops the threads the media started; waits for them. */
  @Override
  public void close() {
    for (final AbstractLink link : links) {
      link.close();
    }
    if (udp != null) {
      udp.close();
    }
  }
}
