package io.systole.journal.event;

/**
 * A configuration was read from {@code source} and put in force; {@code sha256} is the hex digest
 * of its files, so a replay knows which configuration each decision used.
 */
public record ConfigLoaded(String source, String sha256) implements Event {}
