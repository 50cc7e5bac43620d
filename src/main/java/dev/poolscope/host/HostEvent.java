package dev.poolscope.host;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.poolscope.engine.RunReport;
import dev.poolscope.metrics.ChartSample;
import dev.poolscope.metrics.MetricsSnapshot;

import java.util.List;

/** What the engine host tells its parent: answers to requests, and the run's snapshots and report. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = HostEvent.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = HostEvent.Done.class, name = "done"),
        @JsonSubTypes.Type(value = HostEvent.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = HostEvent.Failed.class, name = "failed"),
        @JsonSubTypes.Type(value = HostEvent.Killed.class, name = "killed"),
        @JsonSubTypes.Type(value = HostEvent.Snapshot.class, name = "snapshot"),
        @JsonSubTypes.Type(value = HostEvent.Report.class, name = "report")})
public sealed interface HostEvent {

    /** An event that answers one request. */
    sealed interface Answer extends HostEvent {
        /** The id of the request answered. */
        long id();
    }

    /** The first line the host writes: it is up and reads requests. */
    record Ready(long pid) implements HostEvent {
    }

    /** The request was carried out. */
    record Done(long id) implements Answer {
    }

    /** The run's settings were invalid: {@code field} as its command-line option, {@code message} the full line. */
    record Refused(long id, String field, String message) implements Answer {
    }

    /** The request failed; the message says why. */
    record Failed(long id, String message) implements Answer {
    }

    /** A worker was killed: its process id, or -1 if it had no live process. */
    record Killed(long id, long pid) implements Answer {
    }

    /**
     * The run's latest snapshot (coalesced: spans capped, and older snapshots
     * the parent had no time to read replaced by their chart samples in
     * {@code before}, oldest first).
     */
    record Snapshot(MetricsSnapshot snapshot, List<ChartSample> before) implements HostEvent {
        public Snapshot {
            before = before == null ? List.of() : List.copyOf(before);
        }

        /** A snapshot with nothing dropped before it. */
        public Snapshot(MetricsSnapshot snapshot) {
            this(snapshot, List.of());
        }
    }

    /** The run ended: its report and its last snapshot (null if it had none). */
    record Report(RunReport report, MetricsSnapshot last) implements HostEvent {
    }
}
