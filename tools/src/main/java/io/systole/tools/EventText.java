package io.systole.tools;

import io.systole.journal.Entry;
import io.systole.journal.event.Event;
import io.systole.journal.event.NodeDead.LinkEvidence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/**
 * Describes journal entries and events in words, one line each, for every tool that shows them
 * (dump, and later replay and timeline): {@code 42 2026-11-25 01:02:03.123456 UTC ha1 NodeDead
 * node=ha2 deadtime=5s initdeadInForce=false heartbeatsInWindow=0 links=[bcast eth1 last heard
 * 01:02:01.100]}.
 *
 * <p>An event prints as its type and then every field of its record, in declaration order, as
 * {@code name=value}, so a new event type or field shows up without a change here. Fields in
 * microseconds drop the {@code Micros} suffix: those named {@code last…} or {@code …At} are
 * instants and print as a time of day ({@code never} for -1), the others are durations ({@code
 * 5s}). Enums print in lower case; text is quoted when it holds spaces or separators, and control
 * and format characters are escaped, because journal text came from the network and must not drive
 * the terminal.
 */
public final class EventText {
  private static final String MICROS = "Micros";
  private static final long NEVER = LinkEvidence.NEVER;
  private static final ClassValue<RecordComponent[]> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(final Class<?> type) {
          final RecordComponent[] components = type.getRecordComponents();
          return components == null ? new RecordComponent[0] : components;
        }
      };

  private final TimeText time;

  /** Prints times with {@code time}. */
  public EventText(final TimeText time) {
    this.time = time;
  }

  /** One entry: its index, time, writing node, and event. */
  public String entry(final Entry entry) {
    return entry.index()
        + " "
        + time.instant(entry.timeMicros())
        + " "
        + quote(entry.node())
        + " "
        + event(entry.event(), entry.timeMicros());
  }

  /**
   * One event: its type and its fields. Instants inside it print relative to {@code atMicros}, the
   * time of the entry holding it.
   */
  public String event(final Event event, final long atMicros) {
    final StringBuilder text = new StringBuilder(type(event));
    if (event instanceof Record record) {
      fields(text, record, atMicros);
    } else {
      text.append(' ').append(escape(event.toString()));
    }
    return text.toString();
  }

  /** The name of an event's type, as the dump prints it: {@code NodeDead}. */
  public static String type(final Event event) {
    return event.getClass().getSimpleName();
  }

  private void fields(final StringBuilder text, final Record record, final long atMicros) {
    for (final RecordComponent component : COMPONENTS.get(record.getClass())) {
      final String name = component.getName();
      final boolean micros = name.endsWith(MICROS) && name.length() > MICROS.length();
      text.append(' ')
          .append(micros ? name.substring(0, name.length() - MICROS.length()) : name)
          .append('=');
      value(text, name, read(component, record), atMicros);
    }
  }

  private void value(
      final StringBuilder text, final String name, final Object value, final long atMicros) {
    if (value instanceof Long micros && name.endsWith(MICROS)) {
      text.append(isInstant(name) ? instant(micros, atMicros) : TimeText.duration(micros));
    } else if (value instanceof String s) {
      text.append(quote(s));
    } else if (value instanceof Enum<?> e) {
      text.append(e.name().toLowerCase(Locale.ROOT));
    } else if (value instanceof List<?> list) {
      text.append('[');
      for (int i = 0; i < list.size(); i++) {
        text.append(i == 0 ? "" : ", ");
        item(text, list.get(i), atMicros);
      }
      text.append(']');
    } else if (value instanceof Record record) {
      text.append('{');
      fields(text, record, atMicros);
      text.append(" }");
    } else {
      text.append(value == null ? "-" : escape(value.toString()));
    }
  }

  private void item(final StringBuilder text, final Object item, final long atMicros) {
    if (item instanceof LinkEvidence link) {
      final long heard = link.lastHeardMicros();
      text.append(escape(link.link()))
          .append(heard == NEVER ? " never heard" : " last heard " + time.near(heard, atMicros));
    } else {
      value(text, "", item, atMicros);
    }
  }

  private static boolean isInstant(final String name) {
    return name.startsWith("last") || name.endsWith("At" + MICROS);
  }

  private String instant(final long micros, final long atMicros) {
    return micros == NEVER ? "never" : time.near(micros, atMicros);
  }

  private static Object read(final RecordComponent component, final Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
    }
  }

  /**
   * {@code s} as one word: unchanged when it is a plain word, otherwise in double quotes with
   * {@code "} and {@code \} escaped. Control and format characters are escaped either way.
   */
  public static String quote(final String s) {
    if (s.isEmpty()) {
      return "\"\"";
    }
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      if (Character.isWhitespace(c) || "\"\\=,[]{}".indexOf(c) >= 0 || isUnsafe(c)) {
        return '"' + escape(s.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
      }
    }
    return s;
  }

  /** {@code s} with control and format characters (which could drive a terminal) escaped. */
  public static String escape(final String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      final char c = s.charAt(i);
      if (isUnsafe(c)) {
        if (out == null) {
          out = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        out.append(
            switch (c) {
              case '\n' -> "\\n";
              case '\r' -> "\\r";
              case '\t' -> "\\t";
              default -> String.format(Locale.ROOT, "\\u%04x", (int) c);
            });
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean isUnsafe(final char c) {
    return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
  }
}
