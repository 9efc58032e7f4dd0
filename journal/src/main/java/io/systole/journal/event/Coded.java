package io.systole.journal.event;

/**
 * An enum whose constants carry a stable numeric code for storage, so that reordering or adding
 * constants never changes what a stored journal means.
 */
public interface Coded {
  /** The stable code stored in the journal. */
  int code();

  /**
   * The constant of {@code type} stored under {@code code}.
   *
   * @throws IllegalArgumentException naming the type and the code when none matches
   */
  static <E extends Enum<E> & Coded> E ofCode(final Class<E> type, final int code) {
    for (final E e : type.getEnumConstants()) {
      if (e.code() == code) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown " + type.getSimpleName() + " code " + code);
  }
}
