package dev.poolscope.host;

import dev.poolscope.engine.RunSpec;

/**
 * Where a caller's runs execute: {@link LocalBackend} in this JVM, or
 * {@link HostBackend} in an engine host child JVM. Both run the same engine
 * as {@code poolscope run}. One run at a time.
 */
public interface RunBackend extends AutoCloseable {
    /**
     * Validates the spec and starts the run.
     *
     * @throws dev.poolscope.engine.InvalidSpecException naming the first wrong setting
     * @throws IllegalStateException if the backend cannot start runs (its host is gone)
     */
    RunControl start(RunSpec spec);

    /**
     * Starts a JDK Flight Recorder recording of PoolScope's events where the
     * runs execute, so it holds every task of the runs from now on. Does
     * nothing if one is already recording.
     *
     * @throws IllegalStateException if the recording cannot be started
     */
    void startRecording();

    /**
     * Stops the recording started by {@link #startRecording()} and writes it to {@code file}.
     *
     * @throws IllegalStateException if no recording runs or it cannot be written
     */
    void saveRecording(java.nio.file.Path file);

    /** A short description for the status bar, e.g. "engine in its own process (PID 123)". */
    String describe();

    /** Releases the backend (an engine host exits); a run still going is stopped. */
    @Override
    void close();
}
