package io.systole.journal.event;

/** The daemon stopped cleanly, and why. */
public record DaemonStopped(String reason) implements Event {}
