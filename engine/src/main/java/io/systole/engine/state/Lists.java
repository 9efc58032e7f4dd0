package io.systole.engine.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Copy-on-write edits of the small immutable lists the state is made of. The lists hold a few
 * nodes, groups, resources or links, so the edits build lists of up to four elements with the
 * fixed-arity {@link List#of} overloads, which keep their one array (or none, for two) instead of
 * copying it as {@link List#copyOf} does; longer lists take the general path. Either way the result
 * is an unmodifiable list equal to what the general path gives, and the records' {@code
 * List.copyOf} keeps it as it is.
 */
final class Lists {
  private Lists() {}

  static <T> List<T> replace(final List<T> list, final int index, final T value) {
    if (list.get(index) == value) {
      return list;
    }
    return switch (list.size()) {
      case 1 -> List.of(value);
      case 2 -> List.of(at(list, 0, index, value), at(list, 1, index, value));
      case 3 ->
          List.of(at(list, 0, index, value), at(list, 1, index, value), at(list, 2, index, value));
      case 4 ->
          List.of(
              at(list, 0, index, value),
              at(list, 1, index, value),
              at(list, 2, index, value),
              at(list, 3, index, value));
      default -> {
        final List<T> copy = new ArrayList<>(list);
        copy.set(index, value);
        yield List.copyOf(copy);
      }
    };
  }

  /** Element {@code i} of {@code list} with {@code value} at {@code index}. */
  private static <T> T at(final List<T> list, final int i, final int index, final T value) {
    return i == index ? value : list.get(i);
  }

  /** {@code list} with {@code value} added at the end, unless it is there already. */
  static List<String> with(final List<String> list, final String value) {
    if (list.contains(value)) {
      return list;
    }
    return switch (list.size()) {
      case 0 -> List.of(value);
      case 1 -> List.of(list.get(0), value);
      case 2 -> List.of(list.get(0), list.get(1), value);
      default -> {
        final List<String> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(value);
        yield List.copyOf(copy);
      }
    };
  }

  /** {@code list} without {@code value}. */
  static List<String> without(final List<String> list, final String value) {
    if (!list.contains(value)) {
      return list;
    }
    return switch (list.size()) {
      case 1 -> List.of();
      case 2 -> List.of(list.get(list.get(0).equals(value) ? 1 : 0));
      default -> {
        final List<String> copy = new ArrayList<>(list);
        copy.remove(value);
        yield List.copyOf(copy);
      }
    };
  }

  /** {@code list} with {@code value} present exactly when {@code present}. */
  static List<String> mark(final List<String> list, final String value, final boolean present) {
    return present ? with(list, value) : without(list, value);
  }
}
