package io.systole.journal.memory;

import io.systole.journal.Journal;
import io.systole.journal.JournalContract;

/** The journal contract on the in-memory store. */
class MemoryJournalContractTest extends JournalContract {
  private static final long NOW = 1_800_000_000_123_456L;

  @Override
  protected Journal openEmpty() {
    return new MemoryJournal("ha1", () -> NOW);
  }

  @Override
  protected long expectedClockMicros() {
    return NOW;
  }
}
