package io.systole.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Fuzzes the configuration parsers with arbitrary ha.cf, haresources and authkeys contents: the
 * loader must return a result, never throw, and report ok exactly when it found no error. The seed
 * corpus (test resources) holds the seed cluster's files; {@code JAZZER_FUZZ=1 mvn test -pl engine
 * -am -Dtest=ConfigLoaderFuzzTest} fuzzes for real.
 */
class ConfigLoaderFuzzTest {
  private static final FakeHost HOST =
      new FakeHost("ha1").withInterface("eth1").withDevice("/dev/ttyS0");

  @FuzzTest(maxDuration = "60s")
  void loaderNeverThrows(final FuzzedDataProvider data) {
    final byte[] haCf = data.consumeBytes(data.consumeInt(0, 4096));
    final byte[] resources =
        data.consumeBoolean() ? data.consumeBytes(data.consumeInt(0, 1024)) : null;
    final byte[] auth = data.consumeRemainingAsBytes();
    final ConfigResult r =
        ConfigLoader.parse(
            Path.of("/etc/ha.d"),
            haCf,
            resources,
            auth,
            ConfigLoader.Options.forNode("ha1").withFacts(HOST),
            new Diagnostics());
    assertEquals(r.ok(), r.errors().isEmpty());
  }
}
