package io.systole.journal;

import io.systole.journal.event.Event;

/**
 * One journal entry as read back: its index (dense, from 0, one per append), the wall-clock time it
 * was written in microseconds since the epoch, the node that wrote it, and the event.
 */
public record Entry(long index, long timeMicros, String node, Event event) {}
