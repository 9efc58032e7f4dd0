package io.systole.tools;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code systole demo-service --port P --name N} (hidden): the service of {@code systole demo}'s
 * resource group, an HTTP server on 127.0.0.1:P that answers every request with N, the name of the
 * node that started it. It needs nothing but the JDK (module jdk.httpserver), so that the demo runs
 * where python is not installed. Runs until killed.
 */
@Command(
    name = "demo-service",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Answer HTTP requests on 127.0.0.1:PORT with NAME until killed (systole demo).")
final class DemoServiceCommand implements Callable<Integer> {
  @Option(names = "--port", required = true, paramLabel = "PORT", description = "The TCP port.")
  int port;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "The answer.")
  String name;

  @Override
  public Integer call() throws IOException, InterruptedException {
    final byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
    final HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    // The server's threads are not daemons, but wait here anyway: the process lives until killed.
    new CountDownLatch(1).await();
    return SystoleCommand.OK;
  }
}
