package io.systole.journal.sign;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Ed25519 keys for journal checkpoints, read from the PEM files OpenSSL writes ({@code openssl
 * genpkey -algorithm ed25519 -out journal.key}, then {@code openssl pkey -in journal.key -pubout
 * -out journal.pub}), and the fingerprint that names a key in a {@code Checkpoint}: the first 16
 * bytes of SHA-256 over its public key as X.509 encodes it, in hex. Errors say which file and what
 * to do.
 */
public final class CheckpointKeys {
  private static final String MAKE =
      "; make a key with: openssl genpkey -algorithm ed25519 -out FILE (and chmod 600 FILE)";

  private CheckpointKeys() {}

  /** The private key in {@code file} (PKCS#8 PEM, "BEGIN PRIVATE KEY"). */
  public static Ed25519PrivateKeyParameters privateKey(final Path file) throws IOException {
    return read(
        file, "PRIVATE KEY", PrivateKeyFactory::createKey, Ed25519PrivateKeyParameters.class, MAKE);
  }

  /** The public key in {@code file} (X.509 PEM, "BEGIN PUBLIC KEY"). */
  public static Ed25519PublicKeyParameters publicKey(final Path file) throws IOException {
    return read(
        file,
        "PUBLIC KEY",
        PublicKeyFactory::createKey,
        Ed25519PublicKeyParameters.class,
        "; write one from the node's key with: openssl pkey -in KEY -pubout -out FILE");
  }

  /** Bouncy Castle's reading of a key's DER bytes. */
  private interface KeyReader {
    AsymmetricKeyParameter read(byte[] der) throws IOException;
  }

  /**
   * The Ed25519 key of {@code type} in {@code file}; errors name the file and end in {@code fix}.
   */
  private static <K> K read(
      final Path file,
      final String type,
      final KeyReader reader,
      final Class<K> ed25519,
      final String fix)
      throws IOException {
    final byte[] der = pem(file, type);
    final AsymmetricKeyParameter key;
    try {
      key = reader.read(der);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          file + ": not a " + type.toLowerCase(Locale.ROOT) + " (" + e.getMessage() + ")" + fix, e);
    }
    if (ed25519.isInstance(key)) {
      return ed25519.cast(key);
    }
    throw new IOException(file + ": not an Ed25519 key" + fix);
  }

  /** The fingerprint of {@code key}, as checkpoints name it. */
  public static String fingerprint(final Ed25519PublicKeyParameters key) {
    try {
      final byte[] encoded =
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
      final byte[] sha = MessageDigest.getInstance("SHA-256").digest(encoded);
      return Hex.toHexString(sha, 0, 16);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot encode an Ed25519 public key", e);
    }
  }

  /** The DER bytes of the PEM block of {@code type} in {@code file}; errors name the file. */
  private static byte[] pem(final Path file, final String type) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file" + (type.startsWith("PRIVATE") ? MAKE : ""));
    }
    if (!Files.isReadable(file)) {
      throw new IOException(file + ": this user may not read it");
    }
    final PemObject o;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PemReader pem = new PemReader(in)) {
      o = pem.readPemObject();
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a PEM file (" + e.getMessage() + ")", e);
    }
    if (o == null) {
      throw new IOException(file + ": no PEM block (-----BEGIN " + type + "-----) in it");
    }
    if (!type.equals(o.getType())) {
      throw new IOException(file + ": it holds a " + o.getType() + ", not a " + type);
    }
    return o.getContent();
  }
}
