package io.systole.journal.event;

/**
 * The node signed its journal up to entry {@code signedIndex}: an Ed25519 signature, by the key
 * whose fingerprint is {@code key}, over the node's name, that index and {@code digest}, the chain
 * digest of that entry (hex). The chain digest covers every entry before it, so one signature
 * vouches for the whole history up to there; an audit with the node's public key proves that nobody
 * rewrote it, not even someone who recomputed the chain. Written every so many entries and at each
 * clean stop.
 *
 * @param signature the Ed25519 signature, hex
 */
public record Checkpoint(long signedIndex, String digest, String key, String signature)
    implements Event {}
