package io.systole.journal.event;

/** Starting one resource of a group here, with the reason or the error in {@code detail}. */
public record ResourceStart(String group, String resource, Phase phase, String detail)
    implements Event {}
