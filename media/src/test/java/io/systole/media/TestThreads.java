package io.systole.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

/** Test support: thread-leak checks and unique thread name prefixes. */
public final class TestThreads {
  private static int counter;

  private TestThreads() {}

  /** A thread name prefix no other test in this JVM uses. */
  public static synchronized String uniquePrefix(final String base) {
    return "test-" + base + "-" + counter++;
  }

  /** Asserts that no live thread's name starts with {@code prefix}. */
  public static void assertNoneLeft(final String prefix) {
    final List<String> left =
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(n -> n.startsWith(prefix))
            .collect(Collectors.toList());
    assertEquals(List.of(), left, "threads left running after close");
  }
}
