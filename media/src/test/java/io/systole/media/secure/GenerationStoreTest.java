package io.systole.media.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generation survives restarts, only grows, and a damaged file stops the start. */
class GenerationStoreTest {
  @TempDir Path dir;

  @Test
  void firstStartTakesTheClockAndEachRestartGrows() throws IOException {
    final Path file = dir.resolve("generation");
    final GenerationStore.Generation first = new GenerationStore(file).advance(1_000);
    assertEquals(0, first.previous());
    assertEquals(1_000, first.current());
    assertEquals(OptionalLong.of(1_000), new GenerationStore(file).read());
    // a restart in the same second, then one with the clock set back: still larger
    assertEquals(1_001, new GenerationStore(file).advance(1_000).current());
    final GenerationStore.Generation back = new GenerationStore(file).advance(900);
    assertEquals(1_001, back.previous());
    assertEquals(1_002, back.current());
    assertEquals(102, back.aheadOfClockSeconds());
    // later, the clock leads again
    assertEquals(5_000, new GenerationStore(file).advance(5_000).current());
    assertFalse(Files.exists(dir.resolve("generation.tmp")), "no temp file left behind");
  }

  @Test
  void theFileIsOneCheckedLine() throws IOException {
    final Path file = dir.resolve("generation");
    new GenerationStore(file).advance(1_732_500_000L);
    final String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    assertTrue(text.matches("systole-generation v1 1732500000 [0-9a-f]{8}\n"), text);
  }

  @Test
  void aStaleTempFileFromACrashIsHarmless() throws IOException {
    final Path file = dir.resolve("generation");
    new GenerationStore(file).advance(10);
    Files.writeString(dir.resolve("generation.tmp"), "half writ");
    assertEquals(11, new GenerationStore(file).advance(10).current());
    assertEquals(OptionalLong.of(11), new GenerationStore(file).read());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "systole-generation v1 1000 00000000\n",
        "systole-generation v1 1000\n",
        "systole-generation v2 1000 6f8e2b9a\n",
        "systole-generation v1 0100 00000000\n",
        "systole-generation v1 99999999999999999999 00000000\n"
      })
  void aDamagedFileStopsTheStartAndSaysWhy(final String content) throws IOException {
    final Path file = dir.resolve("generation");
    Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    final GenerationFileException e =
        assertThrows(GenerationFileException.class, () -> new GenerationStore(file).advance(5));
    assertTrue(e.getMessage().startsWith(file.toString() + ": not a generation file"));
    assertTrue(e.getMessage().contains("delete the file"), e.getMessage());
    assertEquals(content, Files.readString(file, StandardCharsets.ISO_8859_1), "left as it was");
  }

  @Test
  void anEditedGenerationFailsTheChecksum() throws IOException {
    final Path file = dir.resolve("generation");
    new GenerationStore(file).advance(1_000);
    Files.writeString(
        file, Files.readString(file).replace("1000", "9000"), StandardCharsets.ISO_8859_1);
    final GenerationFileException e =
        assertThrows(GenerationFileException.class, () -> new GenerationStore(file).read());
    assertTrue(e.getMessage().contains("checksum does not match"), e.getMessage());
  }

  @Test
  void aHugeFileIsNotRead() throws IOException {
    final Path file = dir.resolve("generation");
    Files.write(file, new byte[1 << 20]);
    assertThrows(GenerationFileException.class, () -> new GenerationStore(file).read());
  }

  @Test
  void aMissingDirectoryIsNamed() {
    final Path file = dir.resolve("no/such/dir/generation");
    final NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> new GenerationStore(file).advance(5));
    assertTrue(e.getMessage().contains(dir.resolve("no/such/dir").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("create the directory"), e.getMessage());
  }

  @Test
  void generationsEndIn2106() throws IOException {
    final Path file = dir.resolve("generation");
    new GenerationStore(file).advance(EnvelopeLayout.MAX_GENERATION);
    assertThrows(GenerationFileException.class, () -> new GenerationStore(file).advance(5));
    assertEquals(OptionalLong.of(EnvelopeLayout.MAX_GENERATION), new GenerationStore(file).read());
  }

  @Test
  void restartsFeedTheSealerAndTheReceiverFollows() throws IOException {
    final Path file = dir.resolve("generation");
    final EnvelopeKeys keys =
        EnvelopeKeys.of(1, Fixtures.key(SecureMode.AES256_GCM, 1, Fixtures.OLD_SECRET));
    final EnvelopeOpener peer = new EnvelopeOpener(keys, new Fixtures.Clock());
    final byte[] out = Fixtures.payloadBuffer();
    byte[] lastOfPreviousRun = null;
    for (int run = 0; run < 3; run++) {
      final long gen = new GenerationStore(file).advance(Fixtures.NOW - 10).current();
      final EnvelopeSealer sealer = new EnvelopeSealer(keys, "ha1", gen);
      final byte[] env = sealer.seal(new byte[] {(byte) run});
      assertEquals(Verdict.ACCEPTED, peer.open(env, 0, env.length, out, 0), "run " + run);
      if (lastOfPreviousRun != null) {
        assertEquals(
            Verdict.OLD_GENERATION,
            peer.open(lastOfPreviousRun, 0, lastOfPreviousRun.length, out, 0));
      }
      lastOfPreviousRun = env;
    }
  }
}
