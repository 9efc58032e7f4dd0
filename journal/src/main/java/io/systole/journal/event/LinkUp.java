package io.systole.journal.event;

/** The medium {@code link} carries heartbeats from {@code node} again. */
public record LinkUp(String node, String link) implements Event {}
