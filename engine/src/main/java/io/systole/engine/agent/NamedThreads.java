package io.systole.engine.agent;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives a ring's handler threads the names an operator sees in {@code top -H} and thread dumps, in
 * the order the handlers are started; extra threads get a numbered name.
 */
final class NamedThreads implements ThreadFactory {
  private final List<String> names;
  private final AtomicInteger next = new AtomicInteger();

  NamedThreads(final String... names) {
    this.names = List.of(names);
  }

  @Override
  public Thread newThread(final Runnable r) {
    final int i = next.getAndIncrement();
    final Thread t =
        new Thread(r, i < names.size() ? names.get(i) : names.get(names.size() - 1) + "-" + i);
    t.setDaemon(true);
    return t;
  }
}
