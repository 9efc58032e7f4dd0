package io.systole.journal.sign;

import io.systole.journal.event.Checkpoint;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.util.encoders.Hex;

/**
 * Signs a node's journal head: turns the chain digest of entry N into the {@link Checkpoint} to
 * append after it. Ed25519 because it is small, fast (tens of microseconds per signature, once
 * every so many entries) and deterministic. Not thread-safe: the journal's one writer owns it.
 */
public final class CheckpointSigner {
  private final String node;
  private final String fingerprint;
  private final Ed25519Signer signer = new Ed25519Signer();

  /** A signer for the journal of {@code node} with {@code key}. */
  public CheckpointSigner(final String node, final Ed25519PrivateKeyParameters key) {
    this.node = node;
    this.fingerprint = CheckpointKeys.fingerprint(key.generatePublicKey());
    signer.init(true, key);
  }

  /** The fingerprint of the key this signer signs with. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The checkpoint that signs entry {@code index}, whose chain digest is {@code digest}. */
  public Checkpoint sign(final long index, final byte[] digest) {
    final byte[] message = CheckpointMessage.of(node, index, digest);
    signer.update(message, 0, message.length);
    return new Checkpoint(
        index, Hex.toHexString(digest), fingerprint, Hex.toHexString(signer.generateSignature()));
  }
}
