package io.systole.media;

import java.lang.management.ManagementFactory;

/** Test support: bytes a thread has allocated, from the JVM's per-thread counter. */
public final class Allocation {
  private Allocation() {}

  /** Bytes {@code t} has allocated on the heap so far. */
  public static long allocated(final Thread t) {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(t.getId());
  }
}
