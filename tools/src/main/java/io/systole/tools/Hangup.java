package io.systole.tools;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGHUP for the daemon: re-read the configuration, as Heartbeat does. The JDK's own handling of
 * SIGHUP would run the shutdown hooks, that is stop the node; this replaces it. The JDK has no
 * public signal API, so the handler goes through {@code sun.misc.Signal} (module jdk.unsupported,
 * present in every JDK 17) by reflection, which keeps the build free of internal-API warnings.
 */
final class Hangup {
  private Hangup() {}

  /** Whether SIGHUP now runs the action, and if not, why. */
  enum Outcome {
    /** Every SIGHUP runs the action. */
    CAUGHT,
    /**
     * Whoever started this process ignored SIGHUP (nohup, some supervisors); a JVM leaves an
     * ignored signal ignored, so no SIGHUP will ever arrive.
     */
    IGNORED_AT_START,
    /** This JVM offers no way to catch SIGHUP. */
    UNSUPPORTED
  }

  /** Runs {@code action} on a JDK signal thread at every SIGHUP, if SIGHUP can reach it. */
  static Outcome onHangup(final Runnable action) {
    try {
      final Class<?> signal = Class.forName("sun.misc.Signal");
      final Class<?> handler = Class.forName("sun.misc.SignalHandler");
      final InvocationHandler call =
          (final Object proxy, final Method m, final Object[] args) -> {
            if (m.getDeclaringClass() == Object.class) {
              return switch (m.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "SIGHUP handler";
              };
            }
            action.run();
            return null;
          };
      final Object proxy =
          Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, call);
      final Object before =
          signal
              .getMethod("handle", signal, handler)
              .invoke(null, signal.getConstructor(String.class).newInstance("HUP"), proxy);
      // The JVM does not install a handler for a signal ignored at its start: it answers with
      // SIG_IGN as the previous handler instead.
      return before == handler.getField("SIG_IGN").get(null)
          ? Outcome.IGNORED_AT_START
          : Outcome.CAUGHT;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Outcome.UNSUPPORTED;
    }
  }
}
