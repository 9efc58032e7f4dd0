package io.systole.engine.resource;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Invocation} as a process and says what came of it. The process starts in a
 * session and process group of its own ({@code setsid}), with no input; if it outlives its timeout,
 * the whole group gets SIGTERM and, after a short grace, SIGKILL, so a hung script and the children
 * it forked are gone and the action counts as failed ("timed out after 20 s"). A child that left
 * the group on purpose (a daemon that called setsid, as a start script's service does) is not
 * touched. Output goes to files, not pipes: a service that keeps its parent's standard output open
 * can neither make the action wait for it nor die of a broken pipe later; after the process ends,
 * each line goes to {@link ScriptOutput}, and standard output is read by the {@link Convention}.
 * Blocks the calling thread; thread-safe.
 */
public final class ActionRunner {
  /** How long a process group has between SIGTERM and SIGKILL. */
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

  /** How much of standard output is read for a status answer. */
  static final int MAX_JUDGED_BYTES = 64 * 1024;

  /** How much of each stream is logged, at most: bytes, and lines. */
  static final int MAX_LOGGED_BYTES = 1024 * 1024;

  static final int MAX_LOGGED_LINES = 500;

  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);
  private static final File NO_INPUT = new File("/dev/null");

  private final List<String> prefix;
  private final Path scratch;
  private final ScriptOutput output;
  private final Duration killGrace;

  /** A runner that logs programs' output ({@link ScriptOutput#LOG}). */
  public ActionRunner() {
    this(
        List.of(),
        Path.of(System.getProperty("java.io.tmpdir")),
        ScriptOutput.LOG,
        DEFAULT_KILL_GRACE);
  }

  /**
   * A runner.
   *
   * @param prefix a command every program runs under, such as {@code ip netns exec NS} (tests)
   * @param scratch where output files are kept while a program runs
   * @param output where the programs' lines go
   * @param killGrace how long a process group has between SIGTERM and SIGKILL
   */
  public ActionRunner(
      final List<String> prefix,
      final Path scratch,
      final ScriptOutput output,
      final Duration killGrace) {
    this.prefix = List.copyOf(prefix);
    this.scratch = scratch;
    this.output = output;
    this.killGrace = killGrace;
  }

  /** Runs {@code action}, killing it after {@code timeout}; never throws for the program's sake. */
  public ActionResult run(final Invocation action, final Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile(scratch, "systole-action-", ".out");
      err = Files.createTempFile(scratch, "systole-action-", ".err");
      final ActionResult result = runTo(action, timeout, out.toFile(), err.toFile());
      report(action, result, out, err);
      return result;
    } catch (IOException e) {
      return logged(
          action,
          ActionResult.failure("cannot run " + action.command().get(0) + ": " + e.getMessage()));
    } finally {
      delete(out);
      delete(err);
    }
  }

  private ActionResult runTo(
      final Invocation action, final Duration timeout, final File out, final File err)
      throws IOException {
    final List<String> command = new ArrayList<>();
    command.add("setsid");
    command.add("--wait");
    command.addAll(prefix);
    command.addAll(action.command());
    final ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(new File("/"))
            .redirectInput(NO_INPUT)
            .redirectOutput(out)
            .redirectError(err);
    pb.environment().putAll(action.environment());
    final Process process = pb.start();
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        killGroup(process);
        return ActionResult.failure("timed out after " + seconds(timeout));
      }
    } catch (InterruptedException e) {
      killGroup(process);
      Thread.currentThread().interrupt();
      return ActionResult.failure("interrupted; killed");
    }
    return action
        .convention()
        .judge(action.verb(), process.exitValue(), head(out.toPath(), MAX_JUDGED_BYTES));
  }

  /** The first {@code max} bytes of {@code file} as text; malformed UTF-8 is replaced. */
  private static String head(final Path file, final int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(max), StandardCharsets.UTF_8);
    }
  }

  /**
   * SIGTERM to the process group, a grace, then SIGKILL to whatever is left of it. The process is
   * the group's leader: setsid forks only when it already leads a group, and a child of the JVM
   * does not.
   */
  private void killGroup(final Process process) {
    final long group = process.pid();
    signal("TERM", group);
    try {
      process.waitFor(killGrace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    signal("KILL", group);
    process.destroyForcibly();
  }

  private static void signal(final String signal, final long group) {
    try {
      final Process kill =
          new ProcessBuilder("kill", "-s", signal, "--", "-" + group)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      LOG.warn("cannot signal process group {}: {}", group, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Logs the program's lines, then the outcome when it is not routine. */
  private void report(
      final Invocation action, final ActionResult result, final Path out, final Path err) {
    final boolean routine =
        switch (action.verb()) {
          case STATUS -> result.status() != ActionResult.Status.FAILED;
          case MONITOR, ANNOUNCE -> result.ok();
          case START, STOP -> false;
        };
    lines(action, "stdout", out, routine);
    lines(action, "stderr", err, routine);
    if (!routine) {
      logged(action, result);
    }
  }

  private void lines(
      final Invocation action, final String stream, final Path file, final boolean routine) {
    try {
      final String text = head(file, MAX_LOGGED_BYTES);
      if (text.isEmpty()) {
        return;
      }
      final String[] lines = text.split("\n");
      final int shown = Math.min(lines.length, MAX_LOGGED_LINES);
      for (int i = 0; i < shown; i++) {
        output.line(action, stream, lines[i], routine);
      }
      if (shown < lines.length || Files.size(file) > MAX_LOGGED_BYTES) {
        output.line(action, stream, "(more output, not logged)", routine);
      }
    } catch (IOException e) {
      LOG.warn("{}: cannot read its {}: {}", action.tag(), stream, e.getMessage());
    }
  }

  private static ActionResult logged(final Invocation action, final ActionResult result) {
    if (result.status() == ActionResult.Status.FAILED) {
      LOG.warn("{}: {}", action.tag(), result.detail());
    } else {
      LOG.info(
          "{}: {}{}",
          action.tag(),
          result.status(),
          result.detail().isEmpty() ? "" : ", " + result.detail());
    }
    return result;
  }

  /** "20 s", "1.5 s", "250 ms". */
  static String seconds(final Duration d) {
    final long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return (ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0)) + " s";
  }

  private static void delete(final Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", file, e.getMessage());
      }
    }
  }
}
