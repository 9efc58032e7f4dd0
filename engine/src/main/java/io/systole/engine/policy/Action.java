package io.systole.engine.policy;

import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.GroupStop;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.PeerRelease;
import io.systole.journal.event.Phase;

/**
 * What the policy asks this node to do, with the reason as data. Each action is journaled as the
 * event {@link #event(String)} returns before it is carried out; folding that event is what stops
 * the policy from asking again, and a replay re-derives the action from the state before it.
 */
public sealed interface Action {
  /** Why. */
  Reason reason();

  /** The journal entry that records this action taken by node {@code self}. */
  Event event(String self);

  /** Start {@code group} here: its resources in order. */
  record StartGroup(String group, Reason reason) implements Action {
    @Override
    public Event event(final String self) {
      return new GroupStart(group, Phase.REQUESTED, reason.text());
    }
  }

  /** Stop {@code group} here: its resources in reverse order. */
  record StopGroup(String group, Reason reason) implements Action {
    @Override
    public Event event(final String self) {
      return new GroupStop(group, Phase.REQUESTED, reason.text());
    }
  }

  /**
   * Tell the peers that this node holds, or is taking, {@code group}, with claim number {@code
   * term}: one more than the highest this node knows for it.
   */
  record AnnounceClaim(String group, long term, Reason reason) implements Action {
    @Override
    public Event event(final String self) {
      return new PeerClaim(self, group, term);
    }
  }

  /** Tell the peers that this node no longer holds {@code group}. */
  record AnnounceRelease(String group, Reason reason) implements Action {
    @Override
    public Event event(final String self) {
      return new PeerRelease(self, group);
    }
  }

  /**
   * Fence {@code node} with {@code agent}, after {@code delayMicros}: a node without precedence
   * waits, so that of two halves of a split cluster that fence each other, one goes first.
   */
  record RequestFence(String node, String agent, long delayMicros, Reason reason)
      implements Action {
    @Override
    public Event event(final String self) {
      return new Fence(node, agent, Phase.REQUESTED, reason.text());
    }
  }
}
