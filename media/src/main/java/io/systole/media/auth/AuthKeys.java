package io.systole.media.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The keys of an {@code authkeys} file: one {@link Authenticator} per configured index (0..15), of
 * which one ({@code auth N}) signs outgoing messages; any configured index may verify an incoming
 * one. Shares the non-thread-safe authenticators, so it is confined to one thread as well.
 */
public final class AuthKeys {
  private final Authenticator[] byIndex = new Authenticator[Authenticator.MAX_INDEX + 1];
  private final Authenticator sender;

  private AuthKeys(final int sendIndex, final List<Authenticator> keys) {
    for (final Authenticator a : keys) {
      if (byIndex[a.index()] != null) {
        throw new IllegalArgumentException("auth index " + a.index() + " configured twice");
      }
      byIndex[a.index()] = a;
    }
    if (sendIndex < 0 || sendIndex > Authenticator.MAX_INDEX || byIndex[sendIndex] == null) {
      throw new IllegalArgumentException("auth " + sendIndex + " names no configured key");
    }
    this.sender = byIndex[sendIndex];
  }

  /**
   * Keys {@code keys}, signing with index {@code sendIndex}.
   *
   * @throws IllegalArgumentException if an index repeats or {@code sendIndex} is not configured
   */
  public static AuthKeys of(final int sendIndex, final Authenticator... keys) {
    return new AuthKeys(sendIndex, List.of(keys));
  }

  /** The authenticator that signs outgoing messages. */
  public Authenticator sender() {
    return sender;
  }

  /** The authenticator configured at {@code index}, or null if none (or out of range). */
  public Authenticator forIndex(final int index) {
    return index < 0 || index >= byIndex.length ? null : byIndex[index];
  }

  /** All configured authenticators by ascending index. */
  public List<Authenticator> all() {
    final List<Authenticator> out = new ArrayList<>();
    for (final Authenticator a : byIndex) {
      if (a != null) {
        out.add(a);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    return "AuthKeys[send=" + sender.index() + ", " + all() + "]";
  }
}
