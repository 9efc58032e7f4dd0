package io.systole.journal.event;

/**
 * Stopping a resource group here: requested (with the reason), succeeded, or failed (with the
 * error) in {@code detail}.
 */
public record GroupStop(String group, Phase phase, String detail) implements Event {}
