package io.systole.journal.chronicle;

import io.systole.journal.FramedJournal;
import io.systole.journal.FramedJournalReader;
import io.systole.journal.JournalCorruptException;
import io.systole.journal.JournalException;
import io.systole.journal.JournalFormatException;
import io.systole.journal.JournalReader;
import io.systole.journal.codec.ChainHash;
import io.systole.journal.codec.FrameDecoder;
import io.systole.journal.codec.FrameEncoder;
import io.systole.journal.codec.FrameLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableSet;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal on disk: a directory holding a Chronicle Queue, one file per roll cycle, plus the
 * {@code journal.meta} marker. An entry is one Chronicle document holding one frame, so a process
 * killed mid-append leaves an incomplete document that readers never see and the next writer
 * recovers. Other processes can tail the directory while the daemon writes it. Opening recovers the
 * chain from the newest entry, so a restarted daemon continues it.
 */
public final class ChronicleJournal extends FramedJournal {
  private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournal.class);

  private final Path dir;
  private final SingleChronicleQueue queue;
  private ExcerptAppender appender;
  private final ChronicleRetention retention;
  private int lastCycle = Integer.MIN_VALUE;
  private final byte[] peekFrame = new byte[FrameLayout.MAX_LENGTH];
  private final FrameDecoder peekDecoder = new FrameDecoder();

  private ChronicleJournal(
      final Path dir,
      final String node,
      final SingleChronicleQueue queue,
      final FrameEncoder encoder,
      final ChronicleOptions options) {
    super(node, encoder, options.clock());
    this.dir = dir;
    this.queue = queue;
    this.retention =
        new ChronicleRetention(dir, options.retainAge(), options.retainBytes(), options.clock());
  }

  /**
   * Opens the journal in {@code dir} for appending, creating it when the directory is missing or
   * empty.
   *
   * @throws JournalFormatException when the directory is not a Systole journal or has a newer
   *     format, or its newest entry does not verify
   * @throws JournalException when the journal belongs to another node or cannot be opened
   */
  public static ChronicleJournal open(final Path dir, final ChronicleOptions options) {
    if (options.node() == null || options.node().isEmpty()) {
      throw new IllegalArgumentException("a journal opened for writing needs the node name");
    }
    final JournalMeta meta = prepare(dir, options.node(), options.rollCycle());
    if (!meta.node().equals(options.node())) {
      throw new JournalException(
          "journal "
              + dir
              + " belongs to node "
              + meta.node()
              + ", not "
              + options.node()
              + "; give each node its own state directory");
    }
    setAsideAbortedFile(dir);
    final SingleChronicleQueue queue = build(dir, options, false);
    try {
      final FrameEncoder encoder = recoverChain(dir, queue, meta.node());
      final ChronicleJournal journal =
          new ChronicleJournal(dir, meta.node(), queue, encoder, options);
      journal.retention.apply();
      queue.refreshDirectoryListing();
      return journal;
    } catch (RuntimeException e) {
      queue.close();
      throw e;
    }
  }

  /**
   * Opens an existing journal for reading only (audit, replay, tailing another process's journal).
   *
   * @throws JournalFormatException when {@code dir} is not a Systole journal or has a newer format
   */
  public static ChronicleJournal openReadOnly(final Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new JournalException(
          dir + " is not a directory; give the journal directory (the one holding journal.meta)");
    }
    if (!Files.exists(dir.resolve(JournalMeta.FILE))) {
      throw notAJournal(dir, isEmpty(dir));
    }
    final JournalMeta meta = JournalMeta.read(dir);
    final Path aborted = CycleFiles.abortedNewest(dir);
    if (aborted != null) {
      throw new JournalCorruptException(
          JournalFormatException.NO_INDEX,
          "the newest journal file "
              + aborted
              + " is empty (no header): its writer was killed while creating it, and it holds no"
              + " entry."
              + " Reading does not change a journal: move it aside (mv "
              + aborted
              + " "
              + aborted
              + ".aborted), or let the daemon do so when it starts, and read again");
    }
    // The roll cycle it was written with, so that Chronicle has nothing to override (and warn).
    final RollCycle roll = rollCycleNamed(meta.rollCycle());
    final ChronicleOptions defaults = ChronicleOptions.forNode(meta.node());
    final ChronicleOptions options = roll == null ? defaults : defaults.withRollCycle(roll);
    final SingleChronicleQueue queue = build(dir, options, true);
    try {
      checkNewest(dir, queue, new byte[FrameLayout.DIGEST_LENGTH], false);
    } catch (RuntimeException e) {
      queue.close();
      throw e;
    }
    return new ChronicleJournal(dir, meta.node(), queue, null, options);
  }

  private static JournalMeta prepare(final Path dir, final String node, final RollCycle rollCycle) {
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new JournalException(dir + " is a file; a journal needs a directory of its own");
      }
      Files.createDirectories(dir);
      if (Files.exists(dir.resolve(JournalMeta.FILE))) {
        return JournalMeta.read(dir);
      }
      if (!isEmpty(dir)) {
        throw notAJournal(dir, false);
      }
    } catch (IOException e) {
      throw new JournalException("cannot open journal directory " + dir + ": " + e, e);
    }
    final JournalMeta meta =
        new JournalMeta(FrameLayout.FORMAT, ChainHash.ALGORITHM, node, rollName(rollCycle));
    meta.write(dir);
    return meta;
  }

  private static String rollName(final RollCycle rollCycle) {
    return rollCycle instanceof Enum<?> e ? e.name() : "";
  }

  /** The roll cycle recorded under {@code name}, or null when none or unknown. */
  private static RollCycle rollCycleNamed(final String name) {
    for (final Class<? extends Enum<?>> type :
        List.of(RollCycles.class, net.openhft.chronicle.queue.rollcycles.TestRollCycles.class)) {
      for (final Enum<?> e : type.getEnumConstants()) {
        if (e.name().equals(name) && e instanceof RollCycle r) {
          return r;
        }
      }
    }
    return null;
  }

  private static boolean isEmpty(final Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      throw new JournalException("cannot list journal directory " + dir + ": " + e, e);
    }
  }

  /**
   * Moves an empty newest cycle file (a writer killed while creating it) out of the store's way,
   * keeping it beside as evidence. Any entry lost with it is caught by the tail mark when the
   * journal had been closed cleanly since.
   */
  private static void setAsideAbortedFile(final Path dir) {
    final Path aborted = CycleFiles.abortedNewest(dir);
    if (aborted == null) {
      return;
    }
    final Path aside = aborted.resolveSibling(aborted.getFileName() + ".aborted");
    try {
      Files.move(aborted, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new JournalException(
          "cannot move aside the empty journal file " + aborted + ": " + e, e);
    }
    LOG.warn(
        "journal {}: the newest file {} had no header (the writer was killed while creating"
            + " it; it held no entry); moved it to {}",
        dir,
        aborted.getFileName(),
        aside.getFileName());
  }

  private static JournalFormatException notAJournal(final Path dir, final boolean empty) {
    return new JournalFormatException(
        JournalFormatException.NO_INDEX,
        dir
            + (empty
                ? " is empty: no journal has been written there yet"
                : " is not a Systole journal: it has files but no " + JournalMeta.FILE)
            + ". Point at the journal directory (the one holding "
            + JournalMeta.FILE
            + ")");
  }

  private static SingleChronicleQueue build(
      final Path dir, final ChronicleOptions options, final boolean readOnly) {
    final SingleChronicleQueue queue;
    try {
      queue =
          SingleChronicleQueueBuilder.binary(dir)
              .rollCycle(options.rollCycle())
              .readOnly(readOnly)
              .build();
    } catch (RuntimeException | AssertionError e) {
      final JournalCorruptException c =
          new JournalCorruptException(
              JournalFormatException.NO_INDEX,
              "the journal store in " + dir + " cannot be opened (a queue file is damaged?): " + e);
      c.initCause(e);
      throw c;
    }
    try {
      CycleFiles.checkLengths(dir, queue.blockSize(), queue.overlapSize());
    } catch (RuntimeException e) {
      queue.close();
      throw e;
    }
    return queue;
  }

  /** Reads the newest entry, checks it, and continues the chain after it. */
  private static FrameEncoder recoverChain(
      final Path dir, final SingleChronicleQueue queue, final String node) {
    final byte[] digest = new byte[FrameLayout.DIGEST_LENGTH];
    final long last = checkNewest(dir, queue, digest, true);
    return new FrameEncoder(node, last + 1, last == NONE ? ChainHash.genesis() : digest);
  }

  /**
   * Finds the newest entry, checks that the journal still reaches its tail mark, and copies its
   * digest into {@code digest}. A writer must be able to verify the newest entry to chain to it
   * ({@code strict}); a reader leaves a bad newest entry for the reader or the audit to name.
   *
   * @return the newest entry's index, or {@link #NONE}
   */
  private static long checkNewest(
      final Path dir, final SingleChronicleQueue queue, final byte[] digest, final boolean strict) {
    final byte[] frame = new byte[FrameLayout.MAX_LENGTH];
    final int length;
    final long at;
    final long storeLast;
    try (ExcerptTailer tailer = queue.createTailer()) {
      // Read before finding the tail: a live writer in another process only moves the end forward.
      storeLast = queue.lastIndex();
      tailer.direction(TailerDirection.BACKWARD).toEnd();
      at = tailer.index();
      length = copyDocument(tailer, frame);
    } catch (RuntimeException | AssertionError e) {
      final JournalCorruptException c = lostTail(dir, e.toString());
      c.initCause(e);
      throw c;
    }
    if (length < 0 ? storeLast != -1 : at < storeLast) {
      // Chronicle winds to the start when it cannot find the end: never continue from there.
      throw lostTail(
          dir,
          "the store index ends at "
              + Long.toHexString(storeLast)
              + ", the readable entries at "
              + Long.toHexString(at));
    }
    final long index;
    if (length < 0) {
      index = NONE;
      System.arraycopy(ChainHash.genesis(), 0, digest, 0, digest.length);
    } else {
      index = length >= FrameLayout.MIN_LENGTH ? FrameDecoder.index(frame) : NONE;
      try {
        new FrameDecoder().verify(index, frame, length);
      } catch (JournalFormatException e) {
        if (strict) {
          throw e;
        }
        return index;
      }
      System.arraycopy(frame, FrameLayout.digestOffset(length), digest, 0, digest.length);
    }
    final TailMark mark = TailMark.read(dir);
    if (mark != null) {
      mark.check(dir, index, digest);
    }
    return index;
  }

  /** Copies the tailer's next document into {@code into}; its length, or -1 when none. */
  private static int copyDocument(final ExcerptTailer tailer, final byte[] into) {
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) {
        return -1;
      }
      final Bytes<?> bytes = dc.wire().bytes();
      final long length = bytes.readRemaining();
      bytes.read(into, 0, (int) Math.min(length, into.length));
      return (int) Math.min(length, Integer.MAX_VALUE);
    }
  }

  private static JournalCorruptException lostTail(final Path dir, final String detail) {
    return new JournalCorruptException(
        JournalFormatException.NO_INDEX,
        "journal "
            + dir
            + " cannot find its newest entry ("
            + detail
            + "): a file was damaged or truncated, and appending would overwrite history."
            + " Run `systole journal audit` on it and restore the damaged file");
  }

  private static JournalCorruptException damaged(
      final Path dir, final long index, final Throwable cause) {
    final JournalCorruptException e =
        new JournalCorruptException(
            index,
            "the journal store in "
                + dir
                + " is damaged"
                + (index >= 0 ? " at entry " + index : "")
                + ": "
                + cause);
    e.initCause(cause);
    return e;
  }

  @Override
  protected void store(final byte[] frame, final int length) {
    if (appender == null) {
      // Chronicle binds an appender to the thread that uses it: create it on the writer's thread.
      appender = queue.createAppender();
    }
    try (DocumentContext dc = appender.writingDocument()) {
      try {
        dc.wire().bytes().write(frame, 0, length);
      } catch (RuntimeException e) {
        dc.rollbackOnClose();
        throw e;
      }
    } catch (RuntimeException e) {
      throw new JournalException("cannot append to journal " + dir + ": " + e, e);
    }
    final int cycle = appender.cycle();
    if (cycle != lastCycle) {
      final boolean rolled = lastCycle != Integer.MIN_VALUE;
      lastCycle = cycle;
      if (rolled && retention.apply() > 0) {
        queue.refreshDirectoryListing();
      }
    }
  }

  @Override
  protected String describe() {
    return "journal " + dir;
  }

  /** The directory holding this journal. */
  public Path directory() {
    return dir;
  }

  @Override
  public long firstIndex() {
    ensureOpen();
    return peekIndex(TailerDirection.FORWARD);
  }

  @Override
  public long lastIndex() {
    ensureOpen();
    return writable() ? lastAppendedIndex() : peekIndex(TailerDirection.BACKWARD);
  }

  private long peekIndex(final TailerDirection direction) {
    // Rare (status, tools, opening a reader): one scratch frame per journal, under its lock.
    synchronized (peekFrame) {
      try (ExcerptTailer tailer = queue.createTailer()) {
        tailer.direction(direction);
        if (direction == TailerDirection.FORWARD) {
          tailer.toStart();
        } else {
          tailer.toEnd();
        }
        final int length = copyDocument(tailer, peekFrame);
        if (length < 0) {
          return NONE;
        }
        final String which = direction == TailerDirection.FORWARD ? "oldest" : "newest";
        if (length < FrameLayout.MIN_LENGTH) {
          throw new JournalCorruptException(
              NONE, "the " + which + " entry of journal " + dir + " is " + length + " bytes long");
        }
        // Never trust an index read from damaged bytes: it would misnumber every entry after it.
        final long index = FrameDecoder.index(peekFrame);
        try {
          peekDecoder.verify(index, peekFrame, length);
        } catch (JournalCorruptException e) {
          throw new JournalCorruptException(
              NONE, "the " + which + " entry of journal " + dir + " is damaged: " + e.getMessage());
        }
        return index;
      } catch (JournalFormatException e) {
        throw e;
      } catch (RuntimeException | AssertionError e) {
        throw damaged(dir, NONE, e);
      }
    }
  }

  @Override
  public JournalReader reader(final long fromIndex) {
    ensureOpen();
    final long first = firstIndex();
    if (first == NONE || fromIndex <= first) {
      // From the start: the newest entry need not be readable (a reader names a damaged one).
      final ExcerptTailer tailer = queue.createTailer();
      tailer.toStart();
      return new Reader(tailer, Math.max(first, 0));
    }
    final long last = lastIndex();
    if (fromIndex > last + 1) {
      throw new IllegalArgumentException(
          "cannot read " + dir + " from index " + fromIndex + ": the journal ends at " + last);
    }
    final ExcerptTailer tailer = queue.createTailer();
    try {
      if (fromIndex == last + 1) {
        // Not toEnd(): a writer in another process may have appended since lastIndex() was read.
        seek(tailer, last);
        copyDocument(tailer, new byte[FrameLayout.MAX_LENGTH]);
        return new Reader(tailer, fromIndex);
      }
      seek(tailer, fromIndex);
      return new Reader(tailer, fromIndex);
    } catch (RuntimeException e) {
      tailer.close();
      throw e;
    }
  }

  /**
   * Positions {@code tailer} on entry {@code index}. Within a cycle Chronicle's sequence numbers
   * are dense like ours, so the position follows from the first entry of the right cycle; a scan
   * covers the case where they are not.
   */
  private void seek(final ExcerptTailer tailer, final long index) {
    final RollCycle rollCycle = queue.rollCycle();
    final byte[] frame = new byte[FrameLayout.MAX_LENGTH];
    final NavigableSet<Long> cycles =
        queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle());
    for (final Long cycle : cycles.descendingSet()) {
      if (!tailer.moveToCycle(cycle.intValue())) {
        continue;
      }
      final long cycleStart = tailer.index();
      final int length = copyDocument(tailer, frame);
      if (length < FrameLayout.MIN_LENGTH || FrameDecoder.index(frame) > index) {
        continue;
      }
      final long base = FrameDecoder.index(frame);
      final long guess =
          rollCycle.toIndex(
              cycle.intValue(), rollCycle.toSequenceNumber(cycleStart) + index - base);
      if (tailer.moveToIndex(guess)
          && copyDocument(tailer, frame) >= FrameLayout.MIN_LENGTH
          && FrameDecoder.index(frame) == index) {
        tailer.moveToIndex(guess);
        return;
      }
      scan(tailer, cycleStart, index, frame);
      return;
    }
    throw new IllegalArgumentException("journal " + dir + " holds no entry " + index);
  }

  private void scan(
      final ExcerptTailer tailer, final long from, final long index, final byte[] frame) {
    tailer.moveToIndex(from);
    while (true) {
      final long at = tailer.index();
      final int length = copyDocument(tailer, frame);
      if (length < 0) {
        throw new IllegalArgumentException("journal " + dir + " holds no entry " + index);
      }
      if (length >= FrameLayout.MIN_LENGTH && FrameDecoder.index(frame) == index) {
        tailer.moveToIndex(at);
        return;
      }
    }
  }

  @Override
  public void close() {
    if (markClosed()) {
      try {
        if (writable() && lastAppendedIndex() != NONE) {
          TailMark.write(dir, lastAppendedIndex(), lastDigest());
        }
      } finally {
        if (appender != null) {
          appender.close();
        }
        queue.close();
      }
    }
  }

  private final class Reader extends FramedJournalReader {
    private final ExcerptTailer tailer;

    Reader(final ExcerptTailer tailer, final long nextIndex) {
      super(nextIndex);
      this.tailer = tailer;
    }

    @Override
    protected int readFrame(final byte[] into) {
      try {
        return copyDocument(tailer, into);
      } catch (RuntimeException | AssertionError e) {
        throw damaged(dir, nextIndex(), e);
      }
    }

    @Override
    public void close() {
      tailer.close();
    }
  }
}
