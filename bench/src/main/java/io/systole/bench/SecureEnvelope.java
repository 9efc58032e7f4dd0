package io.systole.bench;

import io.systole.media.secure.EnvelopeKey;
import io.systole.media.secure.EnvelopeKeys;
import io.systole.media.secure.EnvelopeLayout;
import io.systole.media.secure.EnvelopeOpener;
import io.systole.media.secure.EnvelopeSealer;
import io.systole.media.secure.SecureMode;
import io.systole.media.secure.Verdict;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The modern mode's cost per envelope, and the primitives it could be built on, JDK against Bouncy
 * Castle's lightweight API, over the same bytes. {@code seal*}/{@code open*} are the whole {@link
 * EnvelopeSealer#seal} and {@link EnvelopeOpener#open} (header, key lookup, replay window, crypto)
 * in each mode, on the JDK's HMAC-SHA256 and AES-256-GCM; the open benchmarks cycle through a ring
 * of envelopes sealed in the set-up with consecutive sequence numbers, with a new opener (fresh
 * windows) each time the ring wraps. The rest are the bare primitives with a 32-byte associated
 * header where it applies: HMAC-SHA256 ({@code hmacJdk}, {@code hmacBc}), AES-256-GCM ({@code
 * gcmJdk}, {@code gcmBc}) and, for comparison, ChaCha20-Poly1305 ({@code chachaJdk}, {@code
 * chachaBc}); the AEADs take a new nonce each call, as both libraries refuse to encrypt twice under
 * one. {@code payload} 256 bytes is about a Heartbeat status message; 1400 a full Ethernet
 * datagram.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SecureEnvelope extends RunLength {
  private static final int RING = 8192;
  private static final long NOW = 1_800_000_000L;
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochSecond(NOW));
  private static final String SECRET = "bench-secret-q3Vb7yQe1Zr0mN8kX2cL5tH9wJ4sD6fG";

  /** Payload bytes per envelope. */
  @Param({"256", "1400"})
  public int payload;

  private byte[] data;
  private byte[] out;
  private final byte[] tag = new byte[32];
  private final byte[] aad = new byte[32];
  private final byte[] nonce = new byte[12];
  private long counter;

  private EnvelopeKeys hmacKeys;
  private EnvelopeKeys gcmKeys;
  private EnvelopeSealer hmacSealer;
  private EnvelopeSealer gcmSealer;
  private byte[][] hmacRing;
  private byte[][] gcmRing;
  private EnvelopeOpener hmacOpener;
  private EnvelopeOpener gcmOpener;
  private int hmacNext;
  private int gcmNext;

  private Mac jdkMac;
  private HMac bcMac;
  private Cipher jdkGcm;
  private SecretKeySpec jdkAesKey;
  private GCMModeCipher bcGcm;
  private KeyParameter bcKey;
  private Cipher jdkChaCha;
  private SecretKeySpec jdkChaChaKey;
  private ChaCha20Poly1305 bcChaCha;

  /** Keys, sealers, the rings of sealed envelopes, and the bare primitives. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    final Random r = new Random(1);
    data = new byte[payload];
    r.nextBytes(data);
    r.nextBytes(aad);
    out = new byte[EnvelopeLayout.MAX_PAYLOAD + 64];
    hmacKeys = EnvelopeKeys.of(1, EnvelopeKey.of(1, SecureMode.HMAC_SHA256, SECRET));
    gcmKeys = EnvelopeKeys.of(2, EnvelopeKey.of(2, SecureMode.AES256_GCM, SECRET));
    hmacSealer = new EnvelopeSealer(hmacKeys, "ha1", NOW - 60);
    gcmSealer = new EnvelopeSealer(gcmKeys, "ha1", NOW - 60);
    hmacRing = ring(new EnvelopeSealer(hmacKeys, "ha2", NOW - 60));
    gcmRing = ring(new EnvelopeSealer(gcmKeys, "ha2", NOW - 60));
    hmacOpener = new EnvelopeOpener(hmacKeys, CLOCK);
    gcmOpener = new EnvelopeOpener(gcmKeys, CLOCK);

    final byte[] key = new byte[32];
    r.nextBytes(key);
    jdkMac = Mac.getInstance("HmacSHA256");
    jdkMac.init(new SecretKeySpec(key, "HmacSHA256"));
    bcMac = new HMac(new SHA256Digest());
    bcMac.init(new KeyParameter(key));
    jdkGcm = Cipher.getInstance("AES/GCM/NoPadding");
    jdkAesKey = new SecretKeySpec(key, "AES");
    bcGcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    bcKey = new KeyParameter(key);
    jdkChaCha = Cipher.getInstance("ChaCha20-Poly1305");
    jdkChaChaKey = new SecretKeySpec(key, "ChaCha20");
    bcChaCha = new ChaCha20Poly1305();
  }

  private byte[][] ring(final EnvelopeSealer sealer) {
    final byte[][] ring = new byte[RING][];
    for (int i = 0; i < RING; i++) {
      ring[i] = sealer.seal(data);
    }
    return ring;
  }

  /** Seals in HMAC-SHA256 mode (JDK). */
  @Benchmark
  public int sealHmac() {
    return hmacSealer.seal(data, 0, payload, out, 0);
  }

  /** Seals in AES-256-GCM mode (JDK). */
  @Benchmark
  public int sealGcm() {
    return gcmSealer.seal(data, 0, payload, out, 0);
  }

  /** Opens in HMAC-SHA256 mode (JDK): framing, window check, HMAC, copy, window update. */
  @Benchmark
  public Verdict openHmac() {
    if (hmacNext == RING) {
      hmacNext = 0;
      hmacOpener = new EnvelopeOpener(hmacKeys, CLOCK);
    }
    final byte[] env = hmacRing[hmacNext++];
    return check(hmacOpener.open(env, 0, env.length, out, 0));
  }

  /** Opens in AES-256-GCM mode (JDK): framing, window check, decryption, window update. */
  @Benchmark
  public Verdict openGcm() {
    if (gcmNext == RING) {
      gcmNext = 0;
      gcmOpener = new EnvelopeOpener(gcmKeys, CLOCK);
    }
    final byte[] env = gcmRing[gcmNext++];
    return check(gcmOpener.open(env, 0, env.length, out, 0));
  }

  private static Verdict check(final Verdict v) {
    if (v != Verdict.ACCEPTED) {
      throw new IllegalStateException("the benchmark's envelope was refused: " + v);
    }
    return v;
  }

  /** Bare HMAC-SHA256, JDK (SunJCE). */
  @Benchmark
  public byte[] hmacJdk() throws GeneralSecurityException {
    jdkMac.update(aad);
    jdkMac.update(data, 0, payload);
    jdkMac.doFinal(tag, 0);
    return tag;
  }

  /** Bare HMAC-SHA256, Bouncy Castle lightweight. */
  @Benchmark
  public byte[] hmacBc() {
    bcMac.update(aad, 0, aad.length);
    bcMac.update(data, 0, payload);
    bcMac.doFinal(tag, 0);
    return tag;
  }

  /** Bare AES-256-GCM encryption, JDK (SunJCE). */
  @Benchmark
  public int gcmJdk() throws GeneralSecurityException {
    nextNonce();
    jdkGcm.init(Cipher.ENCRYPT_MODE, jdkAesKey, new GCMParameterSpec(128, nonce));
    jdkGcm.updateAAD(aad);
    return jdkGcm.doFinal(data, 0, payload, out, 0);
  }

  /** Bare AES-256-GCM encryption, Bouncy Castle lightweight. */
  @Benchmark
  public int gcmBc() throws InvalidCipherTextException {
    nextNonce();
    bcGcm.init(true, new AEADParameters(bcKey, 128, nonce));
    bcGcm.processAADBytes(aad, 0, aad.length);
    final int n = bcGcm.processBytes(data, 0, payload, out, 0);
    return n + bcGcm.doFinal(out, n);
  }

  /** Bare ChaCha20-Poly1305 encryption, JDK (SunJCE). */
  @Benchmark
  public int chachaJdk() throws GeneralSecurityException {
    nextNonce();
    jdkChaCha.init(Cipher.ENCRYPT_MODE, jdkChaChaKey, new IvParameterSpec(nonce));
    jdkChaCha.updateAAD(aad);
    return jdkChaCha.doFinal(data, 0, payload, out, 0);
  }

  /** Bare ChaCha20-Poly1305 encryption, Bouncy Castle lightweight. */
  @Benchmark
  public int chachaBc() throws InvalidCipherTextException {
    nextNonce();
    bcChaCha.init(true, new AEADParameters(bcKey, 128, nonce));
    bcChaCha.processAADBytes(aad, 0, aad.length);
    final int n = bcChaCha.processBytes(data, 0, payload, out, 0);
    return n + bcChaCha.doFinal(out, n);
  }

  private void nextNonce() {
    counter++;
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
    }
  }
}
