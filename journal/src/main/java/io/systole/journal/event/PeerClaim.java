package io.systole.journal.event;

/** Peer {@code node} announced that it holds, or is taking, {@code group}. */
public record PeerClaim(String node, String group) implements Event {}
