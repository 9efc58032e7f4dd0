package io.systole.media.wire;

/**
 * Bytes are not an acceptable Heartbeat message: cut short, malformed, too large, or not signed by
 * a configured key. {@link #reason()} says which; the message says where, and never contains key
 * material.
 */
public final class WireFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a message was rejected. */
  public enum Reason {
    /** The bytes end where more is required (includes a length running past the end). */
    TRUNCATED,
    /** A netstring length is not 1 to 6 decimal digits without leading zeros. */
    BAD_LENGTH,
    /** The framing or a field is not well formed (missing {@code =}, bad name, bad base64, ...). */
    MALFORMED,
    /** A field has a type code Heartbeat defines but this codec does not carry (2 to 5). */
    UNSUPPORTED_TYPE,
    /** Longer than the 256 KiB Heartbeat allows. */
    OVERSIZED,
    /** The signature (netstring trailer or classic {@code auth} field) is absent. */
    MISSING_AUTH,
    /** The signature names a key index that is not configured. */
    UNKNOWN_KEY_INDEX,
    /** The digest does not match. */
    BAD_AUTH
  }

  private final Reason reason;
  private final int offset;

  /** {@code reason} at byte {@code offset} of the input (relative to its start). */
  public WireFormatException(final Reason reason, final int offset, final String detail) {
    super(reason + " at byte " + offset + ": " + detail, null, false, false);
    this.reason = reason;
    this.offset = offset;
  }

  /** Rejects input longer than {@link NetstringCodec#MAX_MESSAGE}. */
  static void checkSize(final int len) throws WireFormatException {
    if (len > NetstringCodec.MAX_MESSAGE) {
      throw new WireFormatException(Reason.OVERSIZED, 0, len + " bytes");
    }
  }

  /** Why the message was rejected. */
  public Reason reason() {
    return reason;
  }

  /** Where in the input the problem was found. */
  public int offset() {
    return offset;
  }
}
