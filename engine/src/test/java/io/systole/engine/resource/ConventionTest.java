package io.systole.engine.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an exit code and standard output are read, per convention and verb. */
class ConventionTest {
  @ParameterizedTest(name = "{0} {1} exit {2} \"{3}\" -> {4}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // Scripts: start and stop by exit code.
        "SCRIPT|START|0|Starting web|OK|",
        "SCRIPT|START|1||FAILED|exit 1 (generic or unspecified error)",
        "SCRIPT|STOP|5||FAILED|exit 5 (program is not installed)",
        "SCRIPT|STOP|42||FAILED|exit 42",
        // Before a start, Heartbeat's text rule: only the output counts.
        "SCRIPT|STATUS|0|web is running.|OK|status says \"web is running.\"",
        "SCRIPT|STATUS|3|Running OK|OK|status says \"Running OK\"",
        "SCRIPT|STATUS|0|INFO:  Running OK|OK|status says \"INFO:  Running OK\"",
        "SCRIPT|STATUS|0|state: OK|OK|status says \"state: OK\"",
        "SCRIPT|STATUS|0|web is not running|NOT_RUNNING|status does not say it runs",
        "SCRIPT|STATUS|0|stopped|NOT_RUNNING|status does not say it runs",
        "SCRIPT|STATUS|0||NOT_RUNNING|status does not say it runs",
        "SCRIPT|STATUS|0|BROKEN|NOT_RUNNING|status does not say it runs",
        "SCRIPT|STATUS|0|looking ok|NOT_RUNNING|status does not say it runs",
        // While running, only a clear no.
        "SCRIPT|MONITOR|0||OK|",
        "SCRIPT|MONITOR|0|stopped|OK|",
        "SCRIPT|MONITOR|0|Active: active (running)|OK|",
        "SCRIPT|MONITOR|3|Active: inactive (dead)|NOT_RUNNING|exit 3 (not running)",
        "SCRIPT|MONITOR|1||NOT_RUNNING|exit 1 (dead, pid file exists)",
        "SCRIPT|MONITOR|0|web is not running|NOT_RUNNING|status says \"web is not running\"",
        "SCRIPT|MONITOR|7|Running OK|OK|",
        // OCF: exit codes only.
        "OCF|START|0||OK|",
        "OCF|START|7||FAILED|exit 7 (OCF_NOT_RUNNING)",
        "OCF|START|5|not installed|FAILED|exit 5 (OCF_ERR_INSTALLED)",
        "OCF|STOP|7||NOT_RUNNING|exit 7 (OCF_NOT_RUNNING)",
        "OCF|STATUS|0||OK|",
        "OCF|STATUS|7|running|NOT_RUNNING|exit 7 (OCF_NOT_RUNNING)",
        "OCF|MONITOR|1||FAILED|exit 1 (OCF_ERR_GENERIC)",
        "OCF|MONITOR|99||FAILED|exit 99"
      })
  void judge(
      final Convention c,
      final Verb verb,
      final int exit,
      final String stdout,
      final ActionResult.Status status,
      final String detail) {
    assertEquals(
        new ActionResult(status, exit, detail == null ? "" : detail),
        c.judge(verb, exit, stdout == null ? "" : stdout));
  }
}
