package io.systole.journal.event;

/** Peer {@code node} announced that it released {@code group}. */
public record PeerRelease(String node, String group) implements Event {}
