package io.systole.tools;

import java.util.Collection;
import java.util.LinkedHashSet;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Renders the "Commands" section of a usage message as the whole tree of subcommands, nested ones
 * indented under their parent, so that {@code systole --help} shows every command there is (picocli
 * lists only the first level).
 */
final class CommandTree implements IHelpSectionRenderer {
  private static final int NAME_WIDTH = 24;

  /** Makes the usage of {@code spec} list its subcommands as a tree. */
  static void install(final CommandSpec spec) {
    spec.usageMessage()
        .sectionMap()
        .put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandTree());
  }

  @Override
  public String render(final Help help) {
    final CommandSpec spec = help.commandSpec();
    if (spec.subcommands().isEmpty()) {
      return "";
    }
    final TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(NAME_WIDTH, 2, Overflow.SPAN),
            new Column(spec.usageMessage().width() - NAME_WIDTH, 2, Overflow.WRAP));
    add(spec.subcommands().values(), table, "");
    return table.toString();
  }

  private static void add(
      final Collection<CommandLine> commands, final TextTable table, final String indent) {
    for (final CommandLine command : new LinkedHashSet<>(commands)) {
      final CommandSpec spec = command.getCommandSpec();
      if (spec.usageMessage().hidden()) {
        continue;
      }
      table.addRowValues(indent + String.join(", ", spec.names()), headline(spec.usageMessage()));
      add(command.getSubcommands().values(), table, indent + "  ");
    }
  }

  private static String headline(final UsageMessageSpec usage) {
    if (usage.header().length > 0) {
      return usage.header()[0];
    }
    return usage.description().length > 0 ? usage.description()[0] : "";
  }
}
