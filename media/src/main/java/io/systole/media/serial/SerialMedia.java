package io.systole.media.serial;

import io.systole.media.AbstractLink;
import io.systole.media.FrameHandler;
import io.systole.media.LinkConfig;
import io.systole.media.LinkListener;
import io.systole.media.MediaContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The serial side of the media: makes one {@link AbstractLink} per serial device (each with a
 * reader and a writer thread) and, once all are made, joins them in Heartbeat's forwarding ring.
 * Made by {@link io.systole.media.Media}; one per node.
 */
public final class SerialMedia {
  private final MediaContext context;
  private final FrameHandler handler;
  private final LinkListener listener;
  private final List<SerialLink> links = new ArrayList<>();

  /** Serial media for {@code context}, reporting to {@code handler} and {@code listener}. */
  public SerialMedia(
      final MediaContext context, final FrameHandler handler, final LinkListener listener) {
    this.context = context;
    this.handler = handler;
    this.listener = listener;
  }

  /** A new, not yet started link for serial medium {@code config}. */
  public AbstractLink newLink(final int id, final LinkConfig.Serial config) {
    final SerialLink link = new SerialLink(id, config, context, handler, listener);
    links.add(link);
    return link;
  }

  /**
   * Joins the links made so far in a forwarding ring, if {@link MediaContext#serialForwarding()} is
   * on and there are at least two; call once, before starting them.
   */
  public void connectRing() {
    if (!context.serialForwarding() || links.size() < 2) {
      return;
    }
    final List<SerialLink> ring = List.copyOf(links);
    for (final SerialLink link : ring) {
      link.forwarder(new Forwarder(context.nodeName(), context.authKeys().get(), ring));
    }
  }
}
