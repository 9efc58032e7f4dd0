package io.systole.tools;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.systole.engine.config.HaCf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Where a daemon's log lines go, as ha.cf says: {@code logfile} (default {@code /var/log/ha-log},
 * as Heartbeat) gets the operator lines (info and above), {@code debugfile} gets everything
 * including debug, and {@code logfacility} sends the operator lines to syslog with that facility
 * ({@code none}: not at all). stderr keeps them too, which is where systemd's journal picks them
 * up. The line format follows Heartbeat's ({@code date node program: [pid]: LEVEL: text}) so the
 * admin's greps keep working. A file that cannot be opened is reported and skipped: logging never
 * stops a daemon.
 */
final class DaemonLogging {
  /** Heartbeat's default logfile. */
  static final String DEFAULT_LOGFILE = "/var/log/ha-log";

  private DaemonLogging() {}

  /**
   * Adds the appenders of {@code haCf} for node {@code node}; {@code logfile}, when not null,
   * replaces ha.cf's. Problems are printed to {@code err}.
   */
  static void configure(
      final HaCf haCf, final String node, final Path logfile, final PrintWriter err) {
    final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final String pattern =
        "%d{yyyy/MM/dd_HH:mm:ss.SSS} "
            + node
            + " systole: ["
            + ProcessHandle.current().pid()
            + "]: %level: %msg%n";
    final String operatorFile =
        logfile != null
            ? logfile.toString()
            : haCf.logfile().isEmpty() ? DEFAULT_LOGFILE : haCf.logfile();
    file(context, root, "logfile", operatorFile, pattern, Level.INFO, err);
    if (!haCf.debugfile().isEmpty()) {
      context.getLogger("io.systole").setLevel(Level.DEBUG);
      file(context, root, "debugfile", haCf.debugfile(), pattern, Level.DEBUG, err);
    }
    final String facility = haCf.logfacility().toLowerCase(Locale.ROOT);
    if (!facility.isEmpty() && !facility.equals("none")) {
      syslog(context, root, facility); // the config check has vetted the name
    }
    err.flush();
  }

  private static void file(
      final LoggerContext context,
      final Logger root,
      final String directive,
      final String path,
      final String pattern,
      final Level threshold,
      final PrintWriter err) {
    try {
      final Path p = Path.of(path);
      if (p.getParent() != null) {
        Files.createDirectories(p.getParent());
      }
      Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
    } catch (IOException | RuntimeException e) {
      err.println(
          "systole daemon: cannot write the "
              + directive
              + " "
              + path
              + " ("
              + e.getMessage()
              + "); logging to stderr without it (set "
              + directive
              + " in ha.cf to a writable file)");
      return;
    }
    final FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setName(directive);
    file.setFile(path);
    file.setAppend(true);
    file.setEncoder(encoder(context, pattern));
    file.addFilter(threshold(context, threshold));
    file.start();
    root.addAppender(file);
  }

  private static void syslog(
      final LoggerContext context, final Logger root, final String facility) {
    final SyslogAppender syslog = new SyslogAppender();
    syslog.setContext(context);
    syslog.setName("syslog");
    syslog.setSyslogHost("localhost");
    syslog.setFacility(facility.toUpperCase(Locale.ROOT));
    syslog.setSuffixPattern("systole[" + ProcessHandle.current().pid() + "]: %level: %msg");
    syslog.addFilter(threshold(context, Level.INFO));
    syslog.start();
    root.addAppender(syslog);
  }

  private static PatternLayoutEncoder encoder(final LoggerContext context, final String pattern) {
    final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }

  private static ThresholdFilter threshold(final LoggerContext context, final Level level) {
    final ThresholdFilter f = new ThresholdFilter();
    f.setContext(context);
    f.setLevel(level.levelStr);
    f.start();
    return f;
  }
}
