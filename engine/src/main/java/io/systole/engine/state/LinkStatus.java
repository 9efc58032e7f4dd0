package io.systole.engine.state;

/**
 * One medium's view of a peer: whether it carries the peer's heartbeats, since when.
 *
 * @param link the medium as ha.cf names it, for example {@code bcast eth1}
 */
public record LinkStatus(String link, boolean up, long sinceMicros) {}
