/**
 * Heartbeat 3.0.6 message authentication: the {@code crc}, {@code md5 KEY} and {@code sha1 KEY}
 * methods of {@code /etc/ha.d/authkeys} and the set of configured key indexes.
 */
package io.systole.media.auth;
