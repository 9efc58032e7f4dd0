package io.systole.journal.event;

/**
 * An enum whose constants carry a stable numeric code for storage, so that reordering or adding
 * constants never changes what a stored journal means.
 */
public interface Coded {
  /** The stable code stored in the journal. */
  int code();

  /**
   * The constant among {@code values} (an enum's {@code values()}, kept by the caller so that a
   * lookup does not copy the array) stored under {@code code}.
   *
   * @throws IllegalArgumentException naming the type and the code when none matches
   */
  static <E extends Enum<E> & Coded> E ofCode(final E[] values, final int code) {
    for (final E e : values) {
      if (e.code() == code) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown " + values.getClass().getComponentType().getSimpleName() + " code " + code);
  }
}
