package io.systole.engine.state;

import java.util.ArrayList;
import java.util.List;

/** Copy-on-write edits of the small immutable lists the state is made of. */
final class Lists {
  private Lists() {}

  static <T> List<T> replace(final List<T> list, final int index, final T value) {
    if (list.get(index) == value) {
      return list;
    }
    final List<T> copy = new ArrayList<>(list);
    copy.set(index, value);
    return List.copyOf(copy);
  }

  /** {@code list} with {@code value} added at the end, unless it is there already. */
  static List<String> with(final List<String> list, final String value) {
    if (list.contains(value)) {
      return list;
    }
    final List<String> copy = new ArrayList<>(list.size() + 1);
    copy.addAll(list);
    copy.add(value);
    return List.copyOf(copy);
  }

  /** {@code list} without {@code value}. */
  static List<String> without(final List<String> list, final String value) {
    if (!list.contains(value)) {
      return list;
    }
    final List<String> copy = new ArrayList<>(list);
    copy.remove(value);
    return List.copyOf(copy);
  }

  /** {@code list} with {@code value} present exactly when {@code present}. */
  static List<String> mark(final List<String> list, final String value, final boolean present) {
    return present ? with(list, value) : without(list, value);
  }
}
