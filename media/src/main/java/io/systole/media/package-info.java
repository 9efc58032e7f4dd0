/**
 * Heartbeat transports and the Heartbeat-compatible wire codec. Empty until the media issue lands:
 * the module exists so that the reactor's dependency order is fixed from the start.
 */
package io.systole.media;
