package io.systole.journal.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.Journal;
import io.systole.journal.audit.AuditReport;
import io.systole.journal.audit.Auditor;
import io.systole.journal.event.Checkpoint;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.Event;
import io.systole.journal.event.NodeUp;
import io.systole.journal.memory.MemoryJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed checkpoints end to end: keys from the PEM files OpenSSL writes, checkpoints written after
 * entries, and the audit that proves a journal with them, or names what does not hold.
 */
class SignedCheckpointTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);

  private static CheckpointVerifier trusting(final Ed25519PrivateKeyParameters... keys) {
    return new CheckpointVerifier(
        java.util.Arrays.stream(keys).map(Ed25519PrivateKeyParameters::generatePublicKey).toList());
  }

  /** ha1's journal of {@code events}, with a checkpoint after each {@code every} of them. */
  private MemoryJournal signed(final List<Event> events, final int every) {
    final MemoryJournal journal = new MemoryJournal("ha1");
    final CheckpointSigner signer = new CheckpointSigner("ha1", key);
    int since = 0;
    long time = 1_700_000_000_000_000L;
    for (final Event e : events) {
      final long index = journal.append(time++, e);
      if (++since == every) {
        journal.append(time++, signer.sign(index, journal.headDigest()));
        since = 0;
      }
    }
    return journal;
  }

  private static List<Event> events(final int n) {
    final List<Event> out = new java.util.ArrayList<>();
    out.add(new DaemonStarted("test", 1));
    for (int i = 1; i < n - 1; i++) {
      out.add(new NodeUp("ha2", "eth" + i));
    }
    out.add(new DaemonStopped("SIGTERM"));
    return out;
  }

  @Test
  void aSignedJournalAuditsCleanWithItsKeyAndEveryCheckpointCounts() {
    final Journal journal = signed(events(10), 5);
    final AuditReport report = Auditor.audit(journal, trusting(key));
    assertTrue(report.clean(), report.findings().toString());
    assertEquals(new AuditReport.Signing(2, true, 10), report.signing());
    assertEquals(-1, report.runningSince(), "stopped cleanly");
    final AuditReport unchecked = Auditor.audit(journal);
    assertEquals(new AuditReport.Signing(2, false, 10), unchecked.signing());
  }

  @Test
  void aCheckpointByAnotherKeyProvesNothing() {
    final Journal journal = signed(events(10), 5);
    final AuditReport report =
        Auditor.audit(journal, trusting(new Ed25519PrivateKeyParameters(RANDOM)));
    assertFalse(report.clean());
    assertTrue(report.intact(), "the chain itself is fine");
    assertEquals(5, report.findings().get(0).index());
    assertTrue(report.findings().get(0).what().contains("not among the public keys given"));
    assertEquals(-1, report.signing().signedThrough());
  }

  @Test
  void aRewrittenHistoryWithARecomputedChainIsCaughtByTheSignature() {
    // The forger rewrites entry 2 and recomputes the whole chain; it can copy the checkpoints,
    // but they sign the old digests, and it cannot sign new ones without ha1's key.
    final MemoryJournal original = signed(events(10), 5);
    final List<Event> forged = new java.util.ArrayList<>();
    try (var reader = original.reader(0)) {
      for (var e = reader.poll(); e != null; e = reader.poll()) {
        forged.add(e.index() == 2 ? new NodeUp("ha3", "eth1") : e.event());
      }
    }
    final MemoryJournal rewritten = new MemoryJournal("ha1");
    long time = 1;
    for (final Event e : forged) {
      rewritten.append(time++, e);
    }
    final AuditReport report = Auditor.audit(rewritten, trusting(key));
    assertTrue(report.intact(), "the recomputed chain is consistent in itself");
    assertEquals(5, report.findings().get(0).index());
    assertTrue(report.findings().get(0).what().contains("does not match the chain"));

    // A checkpoint over the forged chain, signed by another key, or with a bad signature.
    final MemoryJournal resigned = new MemoryJournal("ha1");
    for (final Event e : forged.subList(0, 5)) {
      resigned.append(time++, e);
    }
    final Checkpoint honest = new CheckpointSigner("ha1", key).sign(4, resigned.headDigest());
    final String flipped =
        (honest.signature().charAt(0) == '0' ? "1" : "0") + honest.signature().substring(1);
    resigned.append(time++, new Checkpoint(4, honest.digest(), honest.key(), flipped));
    final AuditReport bad = Auditor.audit(resigned, trusting(key));
    assertTrue(bad.findings().get(0).what().contains("does not verify"), bad.findings().toString());
  }

  @Test
  void aCheckpointIsBoundToItsNode() {
    final MemoryJournal ha2 = new MemoryJournal("ha2");
    ha2.append(1, new DaemonStarted("test", 1));
    ha2.append(2, new CheckpointSigner("ha1", key).sign(0, ha2.headDigest()));
    final AuditReport report = Auditor.audit(ha2, trusting(key));
    assertTrue(report.findings().get(0).what().contains("does not verify"), report.toString());
  }

  @Test
  void aStartWithoutAStopBeforeTheNextStartIsACrash() {
    final MemoryJournal journal = new MemoryJournal("ha1");
    journal.append(1, new DaemonStarted("test", 1));
    journal.append(2, new NodeUp("ha2", "eth0"));
    journal.append(3, new DaemonStarted("test", 2)); // no DaemonStopped: killed
    journal.append(4, new DaemonStopped("SIGTERM"));
    journal.append(5, new DaemonStarted("test", 3));
    final AuditReport report = Auditor.audit(journal);
    assertEquals(
        List.of(
            new AuditReport.Finding(
                0,
                "crash: the daemon that started here has no stop before the next start at index"
                    + " 2")),
        report.findings());
    assertEquals(4, report.runningSince(), "running (or crashed) since the last start");
    assertTrue(report.intact());
  }

  @Test
  void keysAreReadFromTheFilesOpensslWritesAndBadFilesAreNamed() throws Exception {
    final Path priv = dir.resolve("journal.key");
    final Path pub = dir.resolve("journal.pub");
    openssl("genpkey", "-algorithm", "ed25519", "-out", priv.toString());
    openssl("pkey", "-in", priv.toString(), "-pubout", "-out", pub.toString());
    final Ed25519PrivateKeyParameters fromOpenssl = CheckpointKeys.privateKey(priv);
    assertEquals(
        CheckpointKeys.fingerprint(fromOpenssl.generatePublicKey()),
        CheckpointKeys.fingerprint(CheckpointKeys.publicKey(pub)));

    final IOException swapped =
        assertThrows(IOException.class, () -> CheckpointKeys.privateKey(pub));
    assertTrue(swapped.getMessage().startsWith(pub + ": "), swapped.getMessage());
    assertTrue(
        swapped.getMessage().contains("PUBLIC KEY, not a PRIVATE KEY"), swapped.getMessage());
    final Path rsa = dir.resolve("rsa.key");
    openssl(
        "genpkey", "-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:1024", "-out", rsa.toString());
    final IOException notEd = assertThrows(IOException.class, () -> CheckpointKeys.privateKey(rsa));
    assertTrue(notEd.getMessage().contains("not an Ed25519 key"), notEd.getMessage());
    Files.writeString(dir.resolve("empty"), "");
    assertThrows(IOException.class, () -> CheckpointKeys.publicKey(dir.resolve("empty")));
  }

  private static void openssl(final String... args) throws Exception {
    final List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    final Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl hung");
    assertEquals(0, p.exitValue(), "openssl (Debian package openssl) " + command);
  }
}
