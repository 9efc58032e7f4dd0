package io.systole.tools;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The one journal directory a tool reads, as its first positional parameter (a picocli mixin). */
final class JournalDirectory {
  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "The journal directory (the one holding journal.meta).")
  Path dir;
}
