/**
 * Systole's modern mode for all-Systole clusters: sealed envelopes (HMAC-SHA256, or AES-256-GCM
 * encryption) with a sender, a persisted generation and a sequence number, opened through a
 * per-sender replay window. Selected in authkeys by the methods {@code systole-hmac-sha256} and
 * {@code systole-aes256-gcm}. Heartbeat nodes cannot read these envelopes: the Heartbeat-compatible
 * methods stay in {@code io.systole.media.auth}. The JDK's HMAC and AES-GCM are used (SunJCE, with
 * the CPU's SHA and AES instructions), measured faster here than Bouncy Castle's (bench {@code
 * SecureEnvelope}).
 */
package io.systole.media.secure;
