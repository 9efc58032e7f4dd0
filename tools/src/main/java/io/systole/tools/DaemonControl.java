package io.systole.tools;

import io.systole.engine.agent.StatusSnapshot;
import io.systole.engine.control.ControlHandler;
import io.systole.engine.control.ControlProtocol.Response;
import io.systole.engine.state.ClusterState;
import io.systole.engine.state.GroupState;
import io.systole.engine.state.GroupStatus;
import io.systole.engine.state.LinkStatus;
import io.systole.engine.state.NodeState;
import io.systole.engine.state.NodeStatus;
import io.systole.journal.event.AdminStandby;
import io.systole.journal.event.AdminTakeover;
import io.systole.journal.event.Event;
import io.systole.journal.event.Fence;
import io.systole.journal.event.Phase;
import io.systole.journal.event.Scope;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the daemon answers on its control socket: {@code status}, {@code status json}, the admin
 * commands {@code standby SCOPE} and {@code takeover SCOPE} (journaled as {@link AdminStandby} and
 * {@link AdminTakeover}, carried out by the cluster logic like any other event), and the questions
 * Heartbeat's {@code cl_status} answers: {@code nodestatus NODE}, {@code hblinks NODE}, {@code
 * rscstatus}; and {@code fence-confirm NODE}, an operator's word that a dead node is off (journaled
 * as a {@link Fence} that succeeded). Reads the published snapshot only, so it never waits on the
 * cluster logic.
 */
final class DaemonControl implements ControlHandler {
  private final Supplier<StatusSnapshot> status;
  private final Consumer<List<? extends Event>> submit;
  private final StatusText text;

  DaemonControl(
      final Supplier<StatusSnapshot> status,
      final Consumer<List<? extends Event>> submit,
      final StatusText text) {
    this.status = status;
    this.submit = submit;
    this.text = text;
  }

  @Override
  public Response handle(final String request) {
    final String[] words = request.split(" ");
    final String arg = words.length > 1 ? words[1] : null;
    if (words.length > 2) {
      return Response.usage("too many arguments: " + request);
    }
    return switch (words[0]) {
      case "status" ->
          "json".equals(arg)
              ? Response.ok(text.json(status.get()) + "\n")
              : arg == null ? Response.ok(text.text(status.get())) : unknown(request);
      case "standby", "takeover" -> admin(words[0], arg == null ? "all" : arg);
      case "nodestatus" -> arg == null ? Response.usage("nodestatus needs a node") : nodes(arg);
      case "hblinks" -> arg == null ? Response.usage("hblinks needs a node") : links(arg);
      case "fence-confirm" ->
          arg == null ? Response.usage("fence-confirm needs a node") : fenceConfirm(arg);
      case "rscstatus" ->
          arg == null ? Response.ok(rscstatus(status.get().state()) + "\n") : unknown(request);
      default -> unknown(request);
    };
  }

  private static Response unknown(final String request) {
    return Response.usage("unknown request: " + request);
  }

  private Response admin(final String command, final String scopeWord) {
    final Scope scope;
    try {
      scope = Scope.valueOf(scopeWord.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Response.usage(command + ": the scope is all, local or foreign, not " + scopeWord);
    }
    final ClusterState s = status.get().state();
    if (s.groups().isEmpty()) {
      return new Response(1, command + ": haresources lists no group for this node to move\n");
    }
    final String origin = "systole " + command + " " + scopeWord.toLowerCase(Locale.ROOT);
    submit.accept(
        List.of(
            command.equals("standby")
                ? new AdminStandby(s.self(), scope, origin)
                : new AdminTakeover(s.self(), scope, origin)));
    return Response.ok(
        s.self()
            + (command.equals("standby") ? " gives up " : " takes over ")
            + scopeWord.toLowerCase(Locale.ROOT)
            + " groups; `systole status` shows them move\n");
  }

  /**
   * An operator confirms that {@code node} is off (meatware, or a device that keeps failing): its
   * groups may move. Refused for this node, for a node that is heard, and without fencing.
   */
  private Response fenceConfirm(final String node) {
    final ClusterState s = status.get().state();
    final NodeState n = s.node(node.toLowerCase(Locale.ROOT));
    if (n == null) {
      return new Response(1, "unknown node " + node + " (not in ha.cf's node lines)\n");
    }
    if (n.name().equals(s.self())) {
      return new Response(
          1, "fence-confirm " + n.name() + ": that is this node; run it on a surviving node\n");
    }
    if (!s.layout().fencing()) {
      return new Response(
          1, "fence-confirm: no stonith line in ha.cf, so nothing waits for fencing here\n");
    }
    if (n.status() != NodeStatus.DEAD) {
      return new Response(
          1,
          "fence-confirm "
              + n.name()
              + ": the node is "
              + n.status().name().toLowerCase(Locale.ROOT)
              + ", not dead; only a dead node is fenced\n");
    }
    submit.accept(
        List.of(
            new Fence(
                n.name(),
                "operator",
                Phase.SUCCEEDED,
                "confirmed by an operator with systole fence-confirm on " + s.self())));
    return Response.ok(
        n.name() + " taken as fenced; its groups may move now; `systole status` shows them\n");
  }

  private Response nodes(final String node) {
    final NodeState n = status.get().state().node(node.toLowerCase(Locale.ROOT));
    return n == null
        ? new Response(1, "unknown node " + node + " (not in ha.cf's node lines)\n")
        : Response.ok(nodestatus(status.get().state(), n) + "\n");
  }

  private Response links(final String node) {
    final NodeState n = status.get().state().node(node.toLowerCase(Locale.ROOT));
    if (n == null) {
      return new Response(1, "unknown node " + node + " (not in ha.cf's node lines)\n");
    }
    final StringBuilder b = new StringBuilder();
    for (final LinkStatus l : n.links()) {
      b.append(l.link()).append(' ').append(l.up() ? "up" : "dead").append('\n');
    }
    return Response.ok(b.toString());
  }

  /** What {@code cl_status nodestatus} says: active, dead, or unknown (not heard yet). */
  static String nodestatus(final ClusterState s, final NodeState n) {
    if (n.name().equals(s.self())) {
      return "active";
    }
    return n.status() == NodeStatus.UP
        ? "active"
        : n.status() == NodeStatus.DEAD ? "dead" : "unknown";
  }

  /**
   * What {@code cl_status rscstatus} says of this node: {@code transition} while a group starts or
   * stops here, else which groups it holds: {@code all} (its own and others'), {@code local} (only
   * groups it prefers), {@code foreign} (only groups others prefer), or {@code none}.
   */
  static String rscstatus(final ClusterState s) {
    boolean local = false;
    boolean foreign = false;
    for (final GroupState g : s.groups()) {
      if (g.local() == GroupStatus.STARTING || g.local() == GroupStatus.STOPPING) {
        return "transition";
      }
      if (g.local() == GroupStatus.RUNNING) {
        if (s.self().equals(g.preferredNode())) {
          local = true;
        } else {
          foreign = true;
        }
      }
    }
    return local && foreign ? "all" : local ? "local" : foreign ? "foreign" : "none";
  }
}
