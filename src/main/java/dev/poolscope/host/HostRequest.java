package dev.poolscope.host;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.poolscope.engine.RunSpec;

/**
 * What the parent asks the engine host to do. Each request carries an id that
 * the host's answer ({@link HostEvent.Done}, {@link HostEvent.Refused},
 * {@link HostEvent.Failed}, {@link HostEvent.Killed}) repeats.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = HostRequest.Start.class, name = "start"),
        @JsonSubTypes.Type(value = HostRequest.Resize.class, name = "resize"),
        @JsonSubTypes.Type(value = HostRequest.Stop.class, name = "stop"),
        @JsonSubTypes.Type(value = HostRequest.KillWorker.class, name = "killWorker"),
        @JsonSubTypes.Type(value = HostRequest.StartRecording.class, name = "startRecording"),
        @JsonSubTypes.Type(value = HostRequest.SaveRecording.class, name = "saveRecording"),
        @JsonSubTypes.Type(value = HostRequest.Close.class, name = "close")})
public sealed interface HostRequest {
    /** The request's id, repeated by its answer. */
    long id();

    /** Starts a run (one at a time); answered by Done, Refused or Failed. */
    record Start(long id, RunSpec spec) implements HostRequest {
    }

    /** Changes the running pool's worker count; answered by Done or Failed. */
    record Resize(long id, int workers) implements HostRequest {
    }

    /** Stops the run; answered by Done at once (the report follows when the run ends). */
    record Stop(long id) implements HostRequest {
    }

    /** Kills one process worker by its slot id; answered by Killed or Failed. */
    record KillWorker(long id, int slot) implements HostRequest {
    }

    /** Starts a JFR recording of PoolScope's events in the host; answered by Done or Failed. */
    record StartRecording(long id) implements HostRequest {
    }

    /** Stops the host's JFR recording and writes it to {@code file}; answered by Done or Failed. */
    record SaveRecording(long id, String file) implements HostRequest {
    }

    /** Stops any run and ends the host; not answered. */
    record Close(long id) implements HostRequest {
    }
}
