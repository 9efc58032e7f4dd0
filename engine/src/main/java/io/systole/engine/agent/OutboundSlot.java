package io.systole.engine.agent;

/** One preallocated slot of the outbound ring: the announcement to send in a status message. */
final class OutboundSlot {
  Announcement announcement;
}
