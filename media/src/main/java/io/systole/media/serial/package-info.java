/**
 * Heartbeat's serial media on jSerialComm: classic {@code >>>}/{@code <<<} framing on the line, and
 * forwarding between a node's serial ports (a ring of cables) cut by the message's {@code ttl}. See
 * {@link io.systole.media.serial.SerialMedia}.
 */
package io.systole.media.serial;
