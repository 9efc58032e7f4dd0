package io.systole.journal.event;

/** Stopping one resource of a group here, with the reason or the error in {@code detail}. */
public record ResourceStop(String group, String resource, Phase phase, String detail)
    implements Event {}
