/**
 * Heartbeat transports and the Heartbeat-compatible wire codec: messages and their framings in
 * {@code io.systole.media.wire}, digests in {@code io.systole.media.auth}. The UDP and serial
 * transports are still to come.
 */
package io.systole.media;
