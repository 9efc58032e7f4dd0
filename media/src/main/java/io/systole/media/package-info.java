/**
 * Heartbeat media: the transports that carry heartbeats, and the Heartbeat-compatible wire codec.
 *
 * <p>This package is the transport API. {@link io.systole.media.LinkConfig} describes one medium
 * (media's own mirror of an ha.cf media line); {@link io.systole.media.Media#start} runs one {@link
 * io.systole.media.Link} per medium; raw frames arrive at a {@link io.systole.media.FrameHandler}
 * without per-frame allocation by the media; failures and recoveries arrive at a {@link
 * io.systole.media.LinkListener} as {@link io.systole.media.LinkFailure} data; drops are counted
 * per reason in {@link io.systole.media.LinkStats}. The UDP media are in {@code
 * io.systole.media.udp}, the serial media in {@code io.systole.media.serial}, messages and their
 * framings in {@code io.systole.media.wire}, digests in {@code io.systole.media.auth}.
 */
package io.systole.media;
