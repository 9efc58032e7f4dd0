package io.systole.media;

/**
 * Hears a link's state changes: each transition to {@link LinkState#UP}, each transition to {@link
 * LinkState#FAILED}, and a change of failure kind while the link stays failed. Retries that fail
 * the same way are not reported again (they show in {@link LinkStats#attempts()}). Called on the
 * links' I/O or retry threads, never concurrently for one link; an exception thrown here is logged
 * and otherwise ignored. Return quickly, and do not close the {@link Media} from a callback.
 */
public interface LinkListener {
  /** A listener that ignores everything. */
  LinkListener NONE =
      new LinkListener() {
        @Override
        public void linkUp(final Link link) {}

        @Override
        public void linkFailed(final Link link, final LinkFailure failure) {}
      };

  /** {@code link} is up: bound or open, carrying frames. */
  void linkUp(Link link);

  /** {@code link} is not carrying frames, for {@code failure}; it retries by itself. */
  void linkFailed(Link link, LinkFailure failure);
}
