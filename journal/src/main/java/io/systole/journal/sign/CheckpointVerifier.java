package io.systole.journal.sign;

import io.systole.journal.event.Checkpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * Checks checkpoints against the public keys an auditor trusts. A checkpoint signed by a key not
 * among them cannot be proven and says so: a forger can recompute the hash chain, but without the
 * node's private key not the signatures. Not thread-safe: one per audit.
 */
public final class CheckpointVerifier {
  private final Map<String, Ed25519Signer> byFingerprint = new HashMap<>();

  /** A verifier that trusts {@code keys}. */
  public CheckpointVerifier(final List<Ed25519PublicKeyParameters> keys) {
    for (final Ed25519PublicKeyParameters key : keys) {
      final Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, key);
      byFingerprint.put(CheckpointKeys.fingerprint(key), verifier);
    }
  }

  /**
   * Why {@code c}, found in the journal of {@code node}, does not prove it; null when it does.
   *
   * @param digest the chain digest of entry {@code c.signedIndex()} as the audit computed it
   */
  public String problem(final String node, final Checkpoint c, final byte[] digest) {
    final Ed25519Signer verifier = byFingerprint.get(c.key());
    if (verifier == null) {
      return "signed by key " + c.key() + ", which is not among the public keys given";
    }
    final byte[] signature;
    try {
      signature = Hex.decode(c.signature());
    } catch (DecoderException e) {
      return "its signature is not hex";
    }
    final byte[] message = CheckpointMessage.of(node, c.signedIndex(), digest);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature)
        ? null
        : "its signature does not verify with key " + c.key() + ": the journal was rewritten";
  }
}
