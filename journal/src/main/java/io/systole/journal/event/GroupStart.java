package io.systole.journal.event;

/**
 * Starting a resource group here: requested (with the reason), succeeded, or failed (with the
 * error) in {@code detail}.
 */
public record GroupStart(String group, Phase phase, String detail) implements Event {}
