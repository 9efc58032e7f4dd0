package io.systole.journal.event;

/**
 * Node {@code node} announced that it holds, or is taking, {@code group}, with claim number {@code
 * term}. A node's claim numbers one more than the highest it knew for the group, so when two nodes
 * hold a group after a partition or a freeze, the claim with the higher term is the newer one and
 * every node agrees which it is, whatever the clocks say. Journals written before claims had terms
 * read as term 0.
 */
public record PeerClaim(String node, String group, long term) implements Event {}
