package io.systole.engine.sim;

/**
 * What one simulated run found: the first violated invariant (null when none) and the longest time
 * two nodes ran the same group at once, which is expected only where the schedule cut or froze a
 * node (no fencing in this simulation).
 *
 * @param splitBrainMicros the longest interval during which two nodes ran one group
 * @param entries journal entries written, all nodes together
 */
record Outcome(Violation violation, long splitBrainMicros, long entries) {}
