package io.systole.bench;

import io.systole.journal.event.Event;
import io.systole.journal.event.GroupStart;
import io.systole.journal.event.LinkDead;
import io.systole.journal.event.LinkUp;
import io.systole.journal.event.NodeDead;
import io.systole.journal.event.NodeDead.LinkEvidence;
import io.systole.journal.event.NodeUp;
import io.systole.journal.event.NodeWarn;
import io.systole.journal.event.PeerClaim;
import io.systole.journal.event.Phase;
import io.systole.journal.event.ResourceStart;
import java.util.List;

/**
 * The events the benchmarks write: the one place that says what a typical journal entry is, so that
 * every benchmark measures the same thing. The single event is a {@link NodeDead} with evidence
 * from two links (the entry a failover starts with); the mix is the run of transitions of one
 * failover on a two-node cluster, from the first late heartbeat to the peer coming back.
 */
public final class TypicalEvents {
  /** The node that writes the benchmark journals. */
  public static final String WRITER = "ha1";

  /** A fixed epoch-microseconds instant, so that encoded frames do not depend on the clock. */
  public static final long T0_MICROS = 1_767_225_600_000_000L;

  private static final String PEER = "ha2";
  private static final String BCAST = "bcast eth1";
  private static final String SERIAL = "serial /dev/ttyS0";
  private static final String GROUP = "ha2 192.168.85.3 httpd";
  private static final long DEADTIME_MICROS = 30_000_000L;

  private TypicalEvents() {}

  /** The typical single entry: peer {@code ha2} declared dead on the evidence of two links. */
  public static NodeDead nodeDead() {
    return new NodeDead(
        PEER,
        DEADTIME_MICROS,
        false,
        0,
        List.of(
            new LinkEvidence(BCAST, T0_MICROS - DEADTIME_MICROS),
            new LinkEvidence(SERIAL, T0_MICROS - DEADTIME_MICROS - 250_000L)));
  }

  /** The transitions of one failover and recovery, in order; each call returns a new array. */
  public static Event[] failover() {
    return new Event[] {
      new NodeWarn(PEER, BCAST, T0_MICROS - 10_000_000L, 10_000_000L),
      new LinkDead(PEER, SERIAL, T0_MICROS - DEADTIME_MICROS - 250_000L, DEADTIME_MICROS),
      new LinkDead(PEER, BCAST, T0_MICROS - DEADTIME_MICROS, DEADTIME_MICROS),
      nodeDead(),
      new PeerClaim(WRITER, GROUP, 1),
      new GroupStart(GROUP, Phase.REQUESTED, "node ha2 dead"),
      new ResourceStart(GROUP, "IPaddr::192.168.85.3/24/eth1", Phase.REQUESTED, ""),
      new ResourceStart(GROUP, "IPaddr::192.168.85.3/24/eth1", Phase.SUCCEEDED, "exit 0"),
      new ResourceStart(GROUP, "httpd", Phase.REQUESTED, ""),
      new ResourceStart(GROUP, "httpd", Phase.SUCCEEDED, "exit 0"),
      new GroupStart(GROUP, Phase.SUCCEEDED, ""),
      new LinkUp(PEER, BCAST),
      new LinkUp(PEER, SERIAL),
      new NodeUp(PEER, BCAST)
    };
  }
}
