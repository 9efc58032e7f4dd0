/**
 * Heartbeat 3.0.6 messages and their two serialisations: the netstring framing carried on UDP and
 * the classic {@code >>>}/{@code <<<} text framing of serial links. Decoders take untrusted bytes,
 * check every length before use and fail with a {@link io.systole.media.wire.WireFormatException}
 * naming the reason, never with any other exception. The receive path uses {@link
 * io.systole.media.wire.HeartbeatView} instead: the same checks (and the inner signature too) over
 * the received bytes in place, allocating nothing and reporting the same reasons as a result, not
 * an exception.
 */
package io.systole.media.wire;
