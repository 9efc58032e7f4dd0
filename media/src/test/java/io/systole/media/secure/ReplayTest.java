package io.systole.media.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replays, copies, earlier runs and forged generations, through the opener: each rejected with its
 * reason and counted, and none of them changes what the genuine sender can do next.
 */
class ReplayTest {
  private static final byte[] PAYLOAD = {42};

  private static EnvelopeKeys keys(final SecureMode mode) {
    return EnvelopeKeys.of(1, Fixtures.key(mode, 1, Fixtures.OLD_SECRET));
  }

  private static Verdict open(final EnvelopeOpener o, final byte[] env) {
    return o.open(env, 0, env.length, Fixtures.payloadBuffer(), 0);
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void aCopyIsADuplicate(final SecureMode mode) {
    final EnvelopeSealer s = new EnvelopeSealer(keys(mode), "ha1", Fixtures.GEN);
    final EnvelopeOpener o = new EnvelopeOpener(keys(mode), new Fixtures.Clock());
    final byte[] env = s.seal(PAYLOAD);
    assertEquals(Verdict.ACCEPTED, open(o, env));
    assertEquals(Verdict.DUPLICATE, open(o, env));
    assertEquals(Verdict.DUPLICATE, open(o, env.clone()));
    assertEquals(2, o.count(Verdict.DUPLICATE));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void aCopyIsCheckedAndDelivered(final SecureMode mode) {
    final EnvelopeSealer s = new EnvelopeSealer(keys(mode), "ha1", Fixtures.GEN);
    final EnvelopeOpener o = new EnvelopeOpener(keys(mode), new Fixtures.Clock());
    final byte[] env = s.seal(new byte[] {7, 8, 9});
    assertEquals(Verdict.ACCEPTED, open(o, env));
    final byte[] out = Fixtures.payloadBuffer();
    assertEquals(Verdict.DUPLICATE, o.open(env, 0, env.length, out, 0));
    assertEquals(9, out[2], "an authentic copy delivers its payload");
    final byte[] forged = env.clone();
    forged[forged.length - 1] ^= 1;
    assertEquals(Verdict.BAD_TAG, open(o, forged), "a copy with a bad tag is not a duplicate");
    assertEquals(Verdict.ACCEPTED, open(o, s.seal(PAYLOAD)), "and moves nothing");
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void anEarlierRunIsAnOldGeneration(final SecureMode mode) {
    final EnvelopeSealer before = new EnvelopeSealer(keys(mode), "ha1", Fixtures.GEN);
    final byte[] old = before.seal(PAYLOAD);
    final byte[] oldLater = before.seal(PAYLOAD);
    final EnvelopeSealer restarted = new EnvelopeSealer(keys(mode), "ha1", Fixtures.GEN + 1);
    final EnvelopeOpener o = new EnvelopeOpener(keys(mode), new Fixtures.Clock());
    assertEquals(Verdict.ACCEPTED, open(o, old));
    assertEquals(Verdict.ACCEPTED, open(o, restarted.seal(PAYLOAD)));
    assertEquals(Verdict.OLD_GENERATION, open(o, oldLater));
    assertEquals(Verdict.OLD_GENERATION, open(o, old));
    assertEquals(Fixtures.GEN + 1, o.window("ha1").generation());
    assertEquals(2, o.count(Verdict.OLD_GENERATION));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void theWindowSlidesAndForgetsWhatFellBehind(final SecureMode mode) {
    final EnvelopeSealer s = new EnvelopeSealer(keys(mode), "ha1", Fixtures.GEN);
    final EnvelopeOpener o =
        new EnvelopeOpener(keys(mode), new Fixtures.Clock(), new EnvelopeOpener.Limits(64, 4, 60));
    final List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sent.add(s.seal(PAYLOAD));
    }
    // every third one arrives on time, then all of them again: copies and late ones
    for (int i = 0; i < 200; i += 3) {
      assertEquals(Verdict.ACCEPTED, open(o, sent.get(i)));
    }
    assertEquals(199, o.window("ha1").highest());
    long tooOld = 0;
    for (int i = 0; i < 200; i++) {
      final long behind = 199 - (i + 1);
      final Verdict expected =
          behind >= 64 ? Verdict.BEHIND_WINDOW : i % 3 == 0 ? Verdict.DUPLICATE : Verdict.ACCEPTED;
      tooOld += expected == Verdict.BEHIND_WINDOW ? 1 : 0;
      assertEquals(expected, open(o, sent.get(i)), "sequence " + (i + 1));
    }
    assertEquals(135, tooOld, "sequences 1 to 135 fell behind 199 - 64");
    assertEquals(tooOld, o.count(Verdict.BEHIND_WINDOW));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void aRestartedReceiverTakesNothingOlderThanWhatItHearsFirst(final SecureMode mode) {
    final EnvelopeSealer s = new EnvelopeSealer(keys(mode), "ha1", Fixtures.GEN);
    final List<byte[]> recorded = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      recorded.add(s.seal(PAYLOAD));
    }
    // this node restarts: its windows are gone; the sender goes on with sequence 11
    final EnvelopeOpener restarted = new EnvelopeOpener(keys(mode), new Fixtures.Clock());
    assertEquals(Verdict.ACCEPTED, open(restarted, s.seal(PAYLOAD)));
    for (final byte[] old : recorded) {
      assertEquals(Verdict.BEHIND_WINDOW, open(restarted, old));
    }
    assertEquals(11, restarted.window("ha1").floor());
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void anAuthenticGenerationTooFarAheadIsRefused(final SecureMode mode) {
    final Fixtures.Clock clock = new Fixtures.Clock();
    final EnvelopeOpener o =
        new EnvelopeOpener(keys(mode), clock, new EnvelopeOpener.Limits(1024, 4, 600));
    final EnvelopeSealer genuine = new EnvelopeSealer(keys(mode), "ha1", Fixtures.GEN);
    assertEquals(Verdict.ACCEPTED, open(o, genuine.seal(PAYLOAD)));
    // signed with the right key, but its generation is 601 s ahead of this node's clock
    final byte[] ahead = new EnvelopeSealer(keys(mode), "ha1", Fixtures.NOW + 601).seal(PAYLOAD);
    assertEquals(Verdict.FUTURE_GENERATION, open(o, ahead));
    assertEquals(Fixtures.GEN, o.window("ha1").generation(), "the window did not move");
    assertEquals(Verdict.ACCEPTED, open(o, genuine.seal(PAYLOAD)));
    // at the bound it passes; and once this node's clock catches up, the other one would too
    assertEquals(
        Verdict.ACCEPTED,
        open(o, new EnvelopeSealer(keys(mode), "ha1", Fixtures.NOW + 600).seal(PAYLOAD)));
    clock.seconds.addAndGet(1);
    assertEquals(Verdict.ACCEPTED, open(o, ahead));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void aForgedHugeGenerationChangesNothing(final SecureMode mode) {
    final EnvelopeOpener o = new EnvelopeOpener(keys(mode), new Fixtures.Clock());
    final EnvelopeSealer genuine = new EnvelopeSealer(keys(mode), "ha1", Fixtures.GEN);
    assertEquals(Verdict.ACCEPTED, open(o, genuine.seal(PAYLOAD)));
    final ReplayWindow w = o.window("ha1");
    final long highest = w.highest();

    // Heartbeat's attack: a status with hg=ffffffff, here without the key (tag of another secret)
    final EnvelopeKeys attacker = EnvelopeKeys.of(1, Fixtures.key(mode, 1, "not-the-secret"));
    final byte[] huge =
        new EnvelopeSealer(attacker, "ha1", EnvelopeLayout.MAX_GENERATION).seal(PAYLOAD);
    assertEquals(Verdict.FUTURE_GENERATION, open(o, huge));
    // within the clock bound it gets to the tag check, and fails there
    final byte[] near = new EnvelopeSealer(attacker, "ha1", Fixtures.NOW).seal(PAYLOAD);
    assertEquals(Verdict.BAD_TAG, open(o, near));
    // a genuine envelope with its generation field raised
    final byte[] edited = genuine.seal(PAYLOAD);
    EnvelopeLayout.putLong(edited, EnvelopeLayout.GENERATION_OFFSET, Fixtures.NOW);
    assertEquals(Verdict.BAD_TAG, open(o, edited));

    assertEquals(Fixtures.GEN, w.generation());
    assertEquals(highest, w.highest());
    assertEquals(Verdict.ACCEPTED, open(o, genuine.seal(PAYLOAD)), "the genuine sender goes on");
    assertEquals(1, o.count(Verdict.FUTURE_GENERATION));
    assertEquals(2, o.count(Verdict.BAD_TAG));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void sendersAreBoundedAndOnlyAuthenticOnesCount(final SecureMode mode) {
    final EnvelopeOpener o =
        new EnvelopeOpener(keys(mode), new Fixtures.Clock(), new EnvelopeOpener.Limits(64, 2, 60));
    final EnvelopeKeys attacker = EnvelopeKeys.of(1, Fixtures.key(mode, 1, "not-the-secret"));
    for (int i = 0; i < 10; i++) {
      assertEquals(
          Verdict.BAD_TAG,
          open(o, new EnvelopeSealer(attacker, "fake" + i, Fixtures.GEN).seal(PAYLOAD)));
    }
    assertEquals(Verdict.ACCEPTED, open(o, new EnvelopeSealer(keys(mode), "ha1", 5).seal(PAYLOAD)));
    assertEquals(Verdict.ACCEPTED, open(o, new EnvelopeSealer(keys(mode), "ha2", 5).seal(PAYLOAD)));
    assertEquals(
        Verdict.TOO_MANY_SENDERS, open(o, new EnvelopeSealer(keys(mode), "ha3", 5).seal(PAYLOAD)));
    assertEquals(Verdict.ACCEPTED, open(o, new EnvelopeSealer(keys(mode), "ha1", 6).seal(PAYLOAD)));
  }

  @ParameterizedTest
  @EnumSource(SecureMode.class)
  void headerFieldsOutOfRangeAreMalformed(final SecureMode mode) {
    final EnvelopeOpener o = new EnvelopeOpener(keys(mode), new Fixtures.Clock());
    final byte[] env = new EnvelopeSealer(keys(mode), "ha1", 5).seal(PAYLOAD);
    final byte[] seq0 = env.clone();
    EnvelopeLayout.putLong(seq0, EnvelopeLayout.SEQUENCE_OFFSET, 0);
    assertEquals(Verdict.MALFORMED, open(o, seq0));
    final byte[] negative = env.clone();
    EnvelopeLayout.putLong(negative, EnvelopeLayout.GENERATION_OFFSET, -1);
    assertEquals(Verdict.MALFORMED, open(o, negative));
    final byte[] version = env.clone();
    version[EnvelopeLayout.VERSION_OFFSET] = 2;
    assertEquals(Verdict.UNSUPPORTED_VERSION, open(o, version));
    final byte[] slot = env.clone();
    slot[EnvelopeLayout.SLOT_OFFSET] = (byte) 200;
    assertEquals(Verdict.UNKNOWN_SLOT, open(o, slot));
    final byte[] big = env.clone();
    EnvelopeLayout.putInt(big, EnvelopeLayout.PAYLOAD_LENGTH_OFFSET, -1);
    assertEquals(Verdict.OVERSIZED, open(o, big));
    final byte[] heartbeat = "###\n".getBytes();
    assertEquals(Verdict.MALFORMED, open(o, heartbeat));
    assertEquals(Verdict.ACCEPTED, open(o, env));
  }
}
