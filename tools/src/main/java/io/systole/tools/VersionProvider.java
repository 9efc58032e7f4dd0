package io.systole.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code systole --version} from {@code version.properties}, which the build writes next to
 * this class (resource filtering), so that the version is right in the jar and in tests alike.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    final Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {
      "systole " + properties.getProperty("version", "(unknown version)"),
      "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name")
    };
  }
}
