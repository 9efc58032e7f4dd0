package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.systole.journal.chronicle.ChronicleJournal;
import io.systole.journal.chronicle.ChronicleOptions;
import io.systole.journal.codec.EventType;
import io.systole.journal.event.AdminCleanup;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.Checkpoint;
import io.systole.journal.event.ConfigLoaded;
import io.systole.journal.event.DaemonStarted;
import io.systole.journal.event.DaemonStopped;
import io.systole.journal.event.Event;
import io.systole.journal.event.Failback;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeDead.LinkEvidence;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.PeerStatus;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import io.systole.journal.event.ResourceStop;
import io.systole.journal.event.Scope;
import io.systole.journal.sign.CheckpointSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Real Chronicle journals for the command tests: written with known events and times, tampered. */
final class SampleJournals {
  /** The time of entry 0: 2026-11-25 01:02:03.123456 UTC; entry i is i seconds later. */
  static final long T0 = micros("2026-11-25T01:02:03.123456Z");

  /** A string that occurs once in a journal holding {@link #tamperable()}, to find its bytes. */
  static final String MARKER = "tamper-marker-7f3a9c";

  private SampleJournals() {}

  static long micros(final String instant) {
    final Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000L;
  }

  /** One event of every type, the node dead one with the evidence of two links. */
  static List<Event> everyType() {
    return List.of(
        new DaemonStarted("0.1.0", 4242),
        new ConfigLoaded(
            "/etc/ha.d",
            "9f86d081884c7d65",
            List.of("ha1", "ha2"),
            List.of(new ConfigLoaded.Group("web", "ha1", List.of("IPaddr::10.0.0.10", "apache"))),
            Failback.OFF,
            ""),
        new NodeUp("ha2", "bcast eth1"),
        new NodeWarn("ha2", "bcast eth1", T0 + 1_000_000, 1_500_000),
        new LinkDead("ha2", "bcast eth1", T0 + 1_000_000, 5_000_000),
        new NodeDead(
            "ha2",
            5_000_000,
            false,
            0,
            List.of(
                new LinkEvidence("bcast eth1", micros("2026-11-25T01:02:01.100Z")),
                new LinkEvidence("serial /dev/ttyS0", LinkEvidence.NEVER))),
        new LinkUp("ha2", "bcast eth1"),
        new GroupStart("web", Phase.REQUESTED, "ha2 is dead"),
        new ResourceStart("web", "IPaddr::10.0.0.10", Phase.SUCCEEDED, ""),
        new ResourceStop("web", "apache", Phase.FAILED, "exit 1"),
        new io.systole.journal.event.MonitorFailed("web", "apache", "exit 7 (not running)"),
        new GroupStop("web", Phase.SUCCEEDED, ""),
        new PeerClaim("ha2", "web", 1),
        new PeerRelease("ha2", "web"),
        new AdminStandby("ha1", Scope.ALL, "hb_standby"),
        new AdminTakeover("ha1", Scope.LOCAL, "hb_takeover"),
        new Fence("ha2", "external/ipmi", Phase.REQUESTED, "ha2 is dead"),
        new PeerStatus("ha2", true, List.of(), List.of("web"), List.of()),
        new AdminCleanup("ha1", "web", "systole cleanup"),
        new io.systole.journal.event.PingStatus("gw", false, "no reply from 10.0.0.254 for 5 s"),
        new io.systole.journal.event.DaemonStopping("SIGTERM"),
        new DaemonStopped("SIGTERM"),
        SIGNED);
  }

  /**
   * In a list of events to write, a checkpoint that signs the entry before it with {@link #KEY}, as
   * a daemon with a {@code systole_checkpoint_key} does (the digest is known only when written).
   */
  static final Checkpoint SIGNED = new Checkpoint(-1, "", "", "");

  /** The sample nodes' signing key: fixed, so that the signatures in the samples are too. */
  static final Ed25519PrivateKeyParameters KEY = new Ed25519PrivateKeyParameters(new byte[32], 0);

  /** Writes {@link #KEY}'s public key to {@code file} as PEM, as openssl pkey -pubout does. */
  static Path publicKey(final Path file) {
    return publicKey(file, KEY);
  }

  /** Writes {@code key}'s public key to {@code file} as PEM. */
  static Path publicKey(final Path file, final Ed25519PrivateKeyParameters key) {
    try (PemWriter pem = new PemWriter(Files.newBufferedWriter(file))) {
      pem.writeObject(
          new PemObject(
              "PUBLIC KEY",
              SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.generatePublicKey())
                  .getEncoded()));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Five events; entry 2 carries {@link #MARKER}. */
  static List<Event> tamperable() {
    return List.of(
        new DaemonStarted("0.1.0", 4242),
        new NodeUp("ha2", "bcast eth1"),
        new ConfigLoaded("/etc/ha.d/" + MARKER, "9f86d081884c7d65"),
        new GroupStart("web", Phase.REQUESTED, "initial placement"),
        new GroupStart("web", Phase.SUCCEEDED, ""));
  }

  /** Checks that {@link #everyType()} still covers every event type there is. */
  static void assertEveryTypeCovered() {
    final List<Class<?>> covered = everyType().stream().map(Object::getClass).toList();
    for (final EventType type : EventType.values()) {
      assertTrue(covered.contains(type.type()), "everyType() lacks " + type.type().getName());
    }
  }

  /** Writes {@code events} to a new journal of node ha1 in {@code parent}/ha1. */
  static Path ha1(final Path parent, final List<Event> events) {
    return write(parent.resolve("ha1"), "ha1", events);
  }

  /** Writes {@code events} to a new journal of {@code node} in {@code dir}, entry i at T0 + i s. */
  static Path write(final Path dir, final String node, final List<Event> events) {
    try (ChronicleJournal journal = ChronicleJournal.open(dir, ChronicleOptions.forNode(node))) {
      for (int i = 0; i < events.size(); i++) {
        final Event e =
            events.get(i) == SIGNED
                ? new CheckpointSigner(node, KEY).sign(i - 1, journal.headDigest())
                : events.get(i);
        journal.append(T0 + i * 1_000_000L, e);
      }
    }
    return dir;
  }

  /** A directory that holds files but is not a journal: an /etc/ha.d look-alike. */
  static Path notAJournal(final Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("ha.cf"), "node ha1\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Changes one byte of {@link #MARKER} inside the queue file that holds it. */
  static void tamper(final Path dir) {
    final byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(dir)) {
      for (final Path file : files.filter(f -> f.toString().endsWith(".cq4")).toList()) {
        try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          final MappedByteBuffer bytes =
              channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
          final int at = find(bytes, marker);
          if (at >= 0) {
            bytes.put(at + 3, (byte) (bytes.get(at + 3) ^ 0x01));
            bytes.force();
            return;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no queue file in " + dir + " holds " + MARKER);
  }

  private static int find(final MappedByteBuffer bytes, final byte[] marker) {
    outer:
    for (int i = 0; i <= bytes.limit() - marker.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (bytes.get(i + j) != marker[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
