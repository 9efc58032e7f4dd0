package io.systole.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The entry point of {@code benchmarks.jar}: JMH's own command line, with the JVM flags every
 * Systole JVM needs appended to each forked benchmark JVM. The flags come from the classpath
 * resource {@value #JVM_ARGS_RESOURCE}, which Maven fills from the root POM's {@code
 * systole.jvm.args} property, so the benchmarks never carry a second copy of the list. Listing and
 * help requests, and command lines JMH rejects, go to {@link Main} unchanged.
 */
public final class BenchMain {
  /** The classpath resource that holds the JVM flags, separated by whitespace. */
  public static final String JVM_ARGS_RESOURCE = "/systole-jvm.args";

  private BenchMain() {}

  /**
   * Runs the benchmarks that {@code args} select, as {@code java -jar benchmarks.jar} would with
   * plain JMH.
   *
   * @throws RunnerException when JMH cannot run them (no match, or a benchmark failed to start)
   * @throws IOException when the JVM flags resource cannot be read
   */
  public static void main(final String[] args) throws RunnerException, IOException {
    final CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      Main.main(args); // JMH prints the usage error and exits
      return;
    }
    if (cmd.shouldHelp()
        || cmd.shouldList()
        || cmd.shouldListWithParams()
        || cmd.shouldListProfilers()
        || cmd.shouldListResultFormats()) {
      Main.main(args);
      return;
    }
    final List<String> append = new ArrayList<>(jvmArgs());
    append.addAll(cmd.getJvmArgsAppend().orElse(List.of()));
    final Options options =
        new OptionsBuilder().parent(cmd).jvmArgsAppend(append.toArray(new String[0])).build();
    new Runner(options).run();
  }

  /**
   * The JVM flags from {@value #JVM_ARGS_RESOURCE}.
   *
   * @throws IOException when the resource is missing or was not filled in by the build
   */
  public static Collection<String> jvmArgs() throws IOException {
    final String text;
    try (InputStream in = BenchMain.class.getResourceAsStream(JVM_ARGS_RESOURCE)) {
      if (in == null) {
        throw new IOException(JVM_ARGS_RESOURCE + " is not on the classpath; build with Maven");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    if (text.isEmpty() || text.contains("${")) {
      throw new IOException(
          JVM_ARGS_RESOURCE
              + " was not filtered by Maven (it holds \""
              + text
              + "\"); build the bench module with Maven");
    }
    return Arrays.asList(text.split("\\s+"));
  }
}
