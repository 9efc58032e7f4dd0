package io.systole.engine.resource;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test helpers for real processes: shell scripts written to a temp directory, invocations of them,
 * a {@link ScriptOutput} that records lines, and a check that a process is gone.
 */
public final class Scripts {
  private Scripts() {}

  /** A line a program wrote, as {@link ScriptOutput} got it. */
  record Line(String tag, String stream, String line, boolean routine) {}

  /** Records every line; thread-safe. */
  static final class Recording implements ScriptOutput {
    private final List<Line> lines = new ArrayList<>();

    @Override
    public synchronized void line(
        final String tag, final String stream, final String line, final boolean routine) {
      lines.add(new Line(tag, stream, line, routine));
    }

    synchronized List<Line> lines() {
      return List.copyOf(lines);
    }
  }

  /** Writes an executable {@code /bin/sh} script with {@code body} at {@code path}. */
  public static Path script(final Path path, final String body) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, "#!/bin/sh\n" + body);
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code script ACTION} for {@code verb}, judged as a Heartbeat script. */
  static Invocation invocation(final Path script, final Verb verb) {
    return new Invocation(
        "g",
        "r",
        verb,
        List.of(script.toString(), Convention.SCRIPT.action(verb)),
        Map.of("HA_CURHOST", "ha1"),
        Convention.SCRIPT);
  }

  /** The process id a script wrote to {@code file}, waiting up to 10 s for it to appear. */
  public static long pidIn(final Path file) throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (Files.exists(file)) {
        final String text = Files.readString(file).strip();
        if (!text.isEmpty()) {
          return Long.parseLong(text);
        }
      }
      Thread.sleep(100);
    }
    return fail(file + " was not written");
  }

  /** Whether process {@code pid} is gone (a zombie waiting for its reaper counts as gone). */
  static boolean gone(final long pid) throws IOException {
    try {
      final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (NoSuchFileException e) {
      return true;
    }
  }

  /** Waits up to 10 s for process {@code pid} to be gone. */
  public static boolean goneSoon(final long pid) throws IOException, InterruptedException {
    for (int i = 0; i < 100 && !gone(pid); i++) {
      Thread.sleep(100);
    }
    return gone(pid);
  }

  /** The process group of process {@code pid}. */
  static long processGroup(final long pid) throws IOException {
    final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
  }
}
