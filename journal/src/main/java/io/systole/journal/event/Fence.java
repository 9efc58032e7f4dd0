package io.systole.journal.event;

/**
 * Fencing (STONITH) of {@code target} with {@code agent}: requested (with the reason), succeeded,
 * or failed (with the error) in {@code detail}.
 */
public record Fence(String target, String agent, Phase phase, String detail) implements Event {}
