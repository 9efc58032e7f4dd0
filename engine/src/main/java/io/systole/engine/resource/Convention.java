package io.systole.engine.resource;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a resource's program is called and how its answer is read. {@link #SCRIPT}: Heartbeat's
 * resource.d scripts and LSB init scripts, {@code start|stop|status}; {@link #OCF}: OCF resource
 * agents, {@code start|stop|monitor}, answering by exit code alone.
 *
 * <p>A script's {@code status} is read as Heartbeat reads it before a start: it runs only if its
 * standard output says so ("running" in any case, or the word "OK") and does not say "not running";
 * the exit code does not count. So a script that prints nothing, or "stopped", is started, which
 * LSB requires to be harmless for a running service, and a script that always exits 0 is never
 * wrongly taken as running. While the group runs ({@link Verb#MONITOR}, which Heartbeat never did),
 * only a clear no fails the resource: "not running" in the output, or a non-zero exit (LSB: 1-3
 * dead or not running, 4 unknown) without "running" in the output; so a script whose status prints
 * nothing useful but exits 0 does not restart its group forever. Status output is read in the C
 * locale, so that translated messages do not hide the words.
 */
public enum Convention {
  /** Heartbeat's resource.d scripts and LSB init scripts. */
  SCRIPT("status") {
    @Override
    ActionResult judge(final Verb verb, final int exit, final String stdout) {
      return switch (verb) {
        case START, STOP -> exit == 0 ? ActionResult.success() : failed(exit, LSB_ACTION);
        case STATUS -> statusBeforeStart(exit, stdout);
        case MONITOR, ANNOUNCE -> statusWhileRunning(exit, stdout);
      };
    }
  },
  /** OCF resource agents: 0 success, 7 not running, anything else an error. */
  OCF("monitor") {
    @Override
    ActionResult judge(final Verb verb, final int exit, final String stdout) {
      if (exit == 0) {
        return ActionResult.success();
      }
      if (exit == OCF_NOT_RUNNING && verb != Verb.START) {
        return new ActionResult(ActionResult.Status.NOT_RUNNING, exit, describe(exit, OCF_CODES));
      }
      return failed(exit, OCF_CODES);
    }
  };

  /** OCF_NOT_RUNNING. */
  static final int OCF_NOT_RUNNING = 7;

  /** The meanings of LSB exit codes 1-7 of start and stop. */
  private static final String[] LSB_ACTION = {
    "",
    "generic or unspecified error",
    "invalid or excess arguments",
    "unimplemented feature",
    "user had insufficient privilege",
    "program is not installed",
    "program is not configured",
    "program is not running"
  };

  /** The meanings of LSB exit codes 1-4 of status. */
  private static final String[] LSB_STATUS = {
    "", "dead, pid file exists", "dead, lock file exists", "not running", "status unknown"
  };

  /** The names of OCF exit codes 1-9. */
  private static final String[] OCF_CODES = {
    "",
    "OCF_ERR_GENERIC",
    "OCF_ERR_ARGS",
    "OCF_ERR_UNIMPLEMENTED",
    "OCF_ERR_PERM",
    "OCF_ERR_INSTALLED",
    "OCF_ERR_CONFIGURED",
    "OCF_NOT_RUNNING",
    "OCF_RUNNING_MASTER",
    "OCF_FAILED_MASTER"
  };

  private static final Pattern OK_WORD = Pattern.compile("\\bOK\\b");
  private static final int MAX_QUOTE = 160;

  private final String statusAction;

  Convention(final String statusAction) {
    this.statusAction = statusAction;
  }

  /** The action the program is called with for {@code verb}. */
  public String action(final Verb verb) {
    return switch (verb) {
      case START -> "start";
      case STOP -> "stop";
      case STATUS, MONITOR, ANNOUNCE -> statusAction;
    };
  }

  /** What the program's exit code and standard output mean for {@code verb}. */
  abstract ActionResult judge(Verb verb, int exit, String stdout);

  private static ActionResult statusBeforeStart(final int exit, final String stdout) {
    final String running = runningLine(stdout);
    return running != null
        ? new ActionResult(ActionResult.Status.OK, exit, "status says " + quote(running))
        : new ActionResult(ActionResult.Status.NOT_RUNNING, exit, "status does not say it runs");
  }

  private static ActionResult statusWhileRunning(final int exit, final String stdout) {
    final String lower = stdout.toLowerCase(Locale.ROOT);
    if (lower.contains("not running")) {
      return new ActionResult(
          ActionResult.Status.NOT_RUNNING,
          exit,
          "status says " + quote(line(stdout, "not running")));
    }
    if (exit == 0 || runningLine(stdout) != null) {
      return new ActionResult(ActionResult.Status.OK, exit, "");
    }
    return new ActionResult(ActionResult.Status.NOT_RUNNING, exit, describe(exit, LSB_STATUS));
  }

  /** The first line that says the resource runs, or null when the output does not say so. */
  static String runningLine(final String stdout) {
    if (stdout.toLowerCase(Locale.ROOT).contains("not running")) {
      return null;
    }
    for (final String l : stdout.split("\n", -1)) {
      if (l.toLowerCase(Locale.ROOT).contains("running") || OK_WORD.matcher(l).find()) {
        return l;
      }
    }
    return null;
  }

  /** The first line that contains {@code lowerWord} in any case. */
  private static String line(final String stdout, final String lowerWord) {
    for (final String l : stdout.split("\n", -1)) {
      if (l.toLowerCase(Locale.ROOT).contains(lowerWord)) {
        return l;
      }
    }
    return "";
  }

  private static String quote(final String line) {
    final String s = line.strip();
    return "\"" + (s.length() > MAX_QUOTE ? s.substring(0, MAX_QUOTE) + "..." : s) + "\"";
  }

  private static ActionResult failed(final int exit, final String[] meanings) {
    return new ActionResult(ActionResult.Status.FAILED, exit, describe(exit, meanings));
  }

  /** "exit N (meaning)", or "exit N" for a code without one. */
  static String describe(final int exit, final String[] meanings) {
    return exit > 0 && exit < meanings.length
        ? "exit " + exit + " (" + meanings[exit] + ")"
        : "exit " + exit;
  }
}
