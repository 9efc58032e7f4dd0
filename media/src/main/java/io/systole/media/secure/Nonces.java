package io.systole.media.secure;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/** The AES-GCM nonce and cipher shared by sealer and opener. */
final class Nonces {
  static final String AES_GCM = "AES/GCM/NoPadding";

  private Nonces() {}

  /** {@code nonce[0, 12)} = generation's low 32 bits, then the sequence, both big-endian. */
  static void write(final byte[] nonce, final long generation, final long sequence) {
    EnvelopeLayout.putInt(nonce, 0, (int) generation);
    EnvelopeLayout.putLong(nonce, 4, sequence);
  }

  static Cipher newGcm() {
    try {
      return Cipher.getInstance(AES_GCM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + AES_GCM, e);
    }
  }
}
