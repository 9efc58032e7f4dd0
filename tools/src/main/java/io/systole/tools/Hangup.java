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

  /**
   * Runs {@code action} on a JDK signal thread at every SIGHUP.
   *
   * @return false when this JVM offers no way to catch SIGHUP (the daemon then says so)
   */
  static boolean onHangup(final Runnable action) {
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
      signal
          .getMethod("handle", signal, handler)
          .invoke(null, signal.getConstructor(String.class).newInstance("HUP"), proxy);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
