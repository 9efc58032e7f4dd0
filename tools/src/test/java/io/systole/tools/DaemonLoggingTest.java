package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.systole.engine.config.ConfigLoader;
import io.systole.engine.config.ConfigResult;
import io.systole.engine.config.HaCf;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The daemon's log files as ha.cf names them, and what happens when one cannot be written. */
class DaemonLoggingTest {
  @TempDir Path tmp;
  private final StringWriter err = new StringWriter();

  @AfterEach
  void detach() {
    DaemonLogging.close();
    final Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (final String name : new String[] {"logfile", "debugfile", "syslog"}) {
      final var a = root.getAppender(name);
      if (a != null) {
        a.stop();
        root.detachAppender(a);
      }
    }
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger("io.systole")
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  private HaCf haCf(final String... directives) throws Exception {
    final Path dir = Files.createDirectories(tmp.resolve("etc"));
    Files.writeString(
        dir.resolve("ha.cf"), String.join("\n", directives) + "\nbcast lo\nnode ha1\nnode ha2\n");
    Files.writeString(dir.resolve("haresources"), "");
    Files.writeString(dir.resolve("authkeys"), "auth 1\n1 sha1 secret\n");
    Files.setPosixFilePermissions(
        dir.resolve("authkeys"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    final ConfigResult r = ConfigLoader.load(dir, ConfigLoader.Options.forNode("ha1"));
    assertNotNull(r.config(), r.diagnostics().toString());
    return r.config().haCf();
  }

  @Test
  void operatorLinesGoToTheLogfileAndDebugOnlyToTheDebugfile() throws Exception {
    final Path log = tmp.resolve("log/ha-log");
    final Path debug = tmp.resolve("log/ha-debug");
    DaemonLogging.configure(
        haCf("logfile " + log, "debugfile " + debug, "logfacility none"),
        "ha1",
        null,
        new PrintWriter(err));
    final org.slf4j.Logger l = LoggerFactory.getLogger("io.systole.test");
    l.info("node ha2: NodeDead node=ha2");
    l.debug("heartbeat detail");
    DaemonLogging.close();
    final String operator = Files.readString(log);
    assertTrue(
        operator.matches(
            "(?s)\\d{4}/\\d\\d/\\d\\d_\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ha1 systole: \\[\\d+\\]: INFO:"
                + " node ha2: NodeDead node=ha2\n"),
        operator);
    assertTrue(!operator.contains("heartbeat detail"), operator);
    assertTrue(Files.readString(debug).contains("DEBUG: heartbeat detail"));
    assertTrue(err.toString().isEmpty(), err.toString());
  }

  @Test
  void linesGoThroughTheQueueAndNoneIsLostWhenItOverflows() throws Exception {
    final Path log = tmp.resolve("ha-log");
    DaemonLogging.configure(haCf("logfacility none"), "ha1", log, new PrintWriter(err));
    final Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertNotNull(root.getAppender("queue"), "the root logger writes through the queue");
    assertNull(root.getAppender("logfile"), "the file is behind the queue, not on the root");
    final int lines = 3 * DaemonLogging.QUEUE_LINES;
    final org.slf4j.Logger l = LoggerFactory.getLogger("io.systole.test");
    for (int i = 0; i < lines; i++) {
      l.info("line {}", i);
    }
    DaemonLogging.close();
    assertNull(root.getAppender("queue"));
    assertNotNull(root.getAppender("logfile"), "close puts the file back on the root");
    final List<String> written =
        Files.readAllLines(log).stream().filter(x -> x.contains("INFO: line ")).toList();
    assertEquals(lines, written.size());
    for (int i = 0; i < lines; i++) {
      assertTrue(written.get(i).endsWith("INFO: line " + i), written.get(i));
    }
    l.info("after the stop");
    assertTrue(Files.readString(log).contains("INFO: after the stop"), "written at once now");
  }

  @Test
  void anUnwritableLogfileIsReportedAndLoggingGoesOn() throws Exception {
    final Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
    DaemonLogging.configure(
        haCf("logfacility none"), "ha1", blocker.resolve("ha-log"), new PrintWriter(err));
    LoggerFactory.getLogger("io.systole.test").info("still logging");
    assertTrue(err.toString().contains("cannot write the logfile " + blocker.resolve("ha-log")));
    assertTrue(err.toString().contains("set logfile in ha.cf to a writable file"), err.toString());
  }
}
