/**
 * Heartbeat 3.0.6 messages and their two serialisations: the netstring framing carried on UDP and
 * the classic {@code >>>}/{@code <<<} text framing of serial links. Decoders take untrusted bytes,
 * check every length before use and fail with a {@link io.systole.media.wire.WireFormatException}
 * naming the reason, never with any other exception.
 */
package io.systole.media.wire;
