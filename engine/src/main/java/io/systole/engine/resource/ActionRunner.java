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
import java.util.Map;
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
    try (OutputFiles files = new OutputFiles()) {
      final ProgramResult ran = execute(action.command(), action.environment(), timeout, files);
      final ActionResult result =
          ran.exited()
              ? action.convention().judge(action.verb(), ran.exitCode(), ran.stdout())
              : ActionResult.failure(ran.failure());
      final boolean routine = routine(action.verb(), result);
      files.log(action.tag(), routine);
      if (!routine) {
        logged(action, result);
      }
      return result;
    } catch (IOException e) {
      return logged(
          action,
          ActionResult.failure("cannot run " + action.command().get(0) + ": " + e.getMessage()));
    }
  }

  /**
   * Runs {@code command} as {@link #run(Invocation, Duration)} runs a resource's program (own
   * process group, killed with its group after {@code timeout} or when the calling thread is
   * interrupted, output logged line by line under {@code tag}), for callers that read the answer by
   * rules of their own. Logs no outcome: that is the caller's to judge.
   *
   * @param tag what the program's lines are tagged with in the log
   * @param command the program and its arguments
   * @param environment the variables set on top of the daemon's environment
   * @param timeout how long it may run
   * @param routine whether its lines are routine (logged at debug level)
   * @return what came of it; never throws for the program's sake
   */
  public ProgramResult run(
      final String tag,
      final List<String> command,
      final Map<String, String> environment,
      final Duration timeout,
      final boolean routine) {
    try (OutputFiles files = new OutputFiles()) {
      final ProgramResult ran = execute(command, environment, timeout, files);
      files.log(tag, routine);
      return ran;
    } catch (IOException e) {
      return ProgramResult.failed("cannot run " + command.get(0) + ": " + e.getMessage());
    }
  }

  private ProgramResult execute(
      final List<String> program,
      final Map<String, String> environment,
      final Duration timeout,
      final OutputFiles files)
      throws IOException {
    final List<String> command = new ArrayList<>();
    command.add("setsid");
    command.add("--wait");
    command.addAll(prefix);
    command.addAll(program);
    final ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(new File("/"))
            .redirectInput(NO_INPUT)
            .redirectOutput(files.out.toFile())
            .redirectError(files.err.toFile());
    pb.environment().putAll(environment);
    final Process process = pb.start();
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        killGroup(process);
        return ProgramResult.failed("timed out after " + seconds(timeout));
      }
    } catch (InterruptedException e) {
      killGroup(process);
      Thread.currentThread().interrupt();
      return ProgramResult.failed("interrupted; killed");
    }
    return new ProgramResult(
        process.exitValue(),
        "",
        head(files.out, MAX_JUDGED_BYTES),
        head(files.err, MAX_JUDGED_BYTES));
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

  /** Whether an outcome is routine: its lines are logged at debug level and it is not logged. */
  private static boolean routine(final Verb verb, final ActionResult result) {
    return switch (verb) {
      case STATUS -> result.status() != ActionResult.Status.FAILED;
      case MONITOR, ANNOUNCE -> result.ok();
      case START, STOP -> false;
    };
  }

  /**
   * The files a program's standard output and error go to while it runs, deleted when closed.
   * Files, not pipes: see the class comment.
   */
  private final class OutputFiles implements AutoCloseable {
    private final Path out;
    private final Path err;

    OutputFiles() throws IOException {
      out = Files.createTempFile(scratch, "systole-action-", ".out");
      try {
        err = Files.createTempFile(scratch, "systole-action-", ".err");
      } catch (IOException e) {
        delete(out);
        throw e;
      }
    }

    /** Hands each line the program wrote to {@link ScriptOutput}, standard output first. */
    void log(final String tag, final boolean routine) {
      lines(tag, "stdout", out, routine);
      lines(tag, "stderr", err, routine);
    }

    @Override
    public void close() {
      delete(out);
      delete(err);
    }
  }

  private void lines(
      final String tag, final String stream, final Path file, final boolean routine) {
    try {
      final String text = head(file, MAX_LOGGED_BYTES);
      if (text.isEmpty()) {
        return;
      }
      final String[] lines = text.split("\n");
      final int shown = Math.min(lines.length, MAX_LOGGED_LINES);
      for (int i = 0; i < shown; i++) {
        output.line(tag, stream, lines[i], routine);
      }
      if (shown < lines.length || Files.size(file) > MAX_LOGGED_BYTES) {
        output.line(tag, stream, "(more output, not logged)", routine);
      }
    } catch (IOException e) {
      LOG.warn("{}: cannot read its {}: {}", tag, stream, e.getMessage());
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

  /** A duration as operators read it in logs and the journal: "20 s", "1.5 s", "250 ms". */
  public static String seconds(final Duration d) {
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
