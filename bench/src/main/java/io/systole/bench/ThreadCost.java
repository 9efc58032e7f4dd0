package io.systole.bench;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Bytes allocated and CPU time used by a fixed set of threads, read from the JVM's per-thread
 * counters. JMH's GC profiler reports the allocation of every thread of the JVM divided by the
 * operations; this tells apart the server's threads (a Systole node's rings and I/O thread, or the
 * echo server's event loop) from the benchmark thread.
 */
final class ThreadCost {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final long[] ids;
  private final List<String> names;

  private ThreadCost(final List<Thread> threads) {
    final List<Thread> byName =
        threads.stream().sorted(Comparator.comparing(Thread::getName)).toList();
    this.ids = byName.stream().mapToLong(Thread::getId).toArray();
    this.names = byName.stream().map(Thread::getName).toList();
  }

  /** The live threads whose names {@code name} accepts (there must be at least one). */
  static ThreadCost of(final Predicate<String> name) {
    final List<Thread> threads =
        Thread.getAllStackTraces().keySet().stream().filter(t -> name.test(t.getName())).toList();
    if (threads.isEmpty()) {
      throw new IllegalStateException("no live thread matches");
    }
    return new ThreadCost(threads);
  }

  /** The calling thread. */
  static ThreadCost current() {
    return new ThreadCost(List.of(Thread.currentThread()));
  }

  /** The threads' names. */
  List<String> names() {
    return names;
  }

  /** Bytes allocated so far by each thread, in the order of {@link #names()}. */
  long[] allocatedBytes() {
    final long[] each = MX.getThreadAllocatedBytes(ids);
    for (int i = 0; i < each.length; i++) {
      each[i] = Math.max(0, each[i]); // -1: the thread has ended
    }
    return each;
  }

  /** CPU time used so far by each thread, in ns, in the order of {@link #names()}. */
  long[] cpuNanos() {
    final long[] each = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      each[i] = Math.max(0, MX.getThreadCpuTime(ids[i]));
    }
    return each;
  }
}
