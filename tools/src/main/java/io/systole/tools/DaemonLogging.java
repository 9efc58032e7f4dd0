package io.systole.tools;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import io.systole.engine.config.HaCf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Lines are written by a logging thread of their own at normal priority: the heartbeat path's
 * realtime threads only queue them. A write to a file can wait on the disk for hundreds of
 * milliseconds (a saturated disk, the filesystem's journal committing), and a logic thread waiting
 * there misses heartbeats and declares live peers dead. Nothing is dropped: when the queue is full
 * the caller waits, as it did before; at the stop, {@link #close} writes what is queued.
 */
final class DaemonLogging {
  /** Heartbeat's default logfile. */
  static final String DEFAULT_LOGFILE = "/var/log/ha-log";

  /** Lines queued for the logging thread before a caller waits (a burst at a failover is ~50). */
  static final int QUEUE_LINES = 8192;

  /** How long the stop may take to write what is queued (Logback's default, 1 s, may drop). */
  static final int FLUSH_MILLIS = 30_000;

  /** The queue in front of the root logger's appenders while the daemon runs, or null. */
  private static AsyncAppender queue;

  /** The appenders the queue feeds, to be put back on the root logger by {@link #close}. */
  private static List<Appender<ILoggingEvent>> behindQueue = List.of();

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
    queue(context, root);
    err.flush();
  }

  /**
   * Puts the root logger's appenders behind one queue and its logging thread. They are fed through
   * a forwarding appender, not attached to the queue itself, because a stopping queue stops what is
   * attached to it, and {@link #close} puts them back to work.
   */
  private static synchronized void queue(final LoggerContext context, final Logger root) {
    close();
    final List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(appenders::add);
    final AppenderBase<ILoggingEvent> forward =
        new AppenderBase<>() {
          @Override
          protected void append(final ILoggingEvent event) {
            for (final Appender<ILoggingEvent> a : appenders) {
              a.doAppend(event);
            }
          }
        };
    forward.setContext(context);
    forward.setName("forward");
    forward.start();
    final AsyncAppender q = new AsyncAppender();
    q.setContext(context);
    q.setName("queue");
    q.setQueueSize(QUEUE_LINES);
    q.setDiscardingThreshold(0); // keep every level: an operator line is never dropped
    q.setNeverBlock(false);
    q.setMaxFlushTime(FLUSH_MILLIS);
    q.addAppender(forward);
    q.start();
    root.addAppender(q);
    for (final Appender<ILoggingEvent> a : appenders) {
      root.detachAppender(a);
    }
    queue = q;
    behindQueue = appenders;
  }

  /**
   * Writes every queued line and goes back to writing on the caller's thread (the daemon's stop,
   * after its last transition). A line logged meanwhile may be written twice, never lost.
   */
  static synchronized void close() {
    if (queue == null) {
      return;
    }
    final Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (final Appender<ILoggingEvent> a : behindQueue) {
      root.addAppender(a);
    }
    root.detachAppender(queue);
    queue.stop(); // drains the queue into the forwarding appender, then stops only that
    queue = null;
    behindQueue = List.of();
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
