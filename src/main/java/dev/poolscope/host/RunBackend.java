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

    /** A short description for the status bar, e.g. "engine in its own process (PID 123)". */
    String describe();

    /** Releases the backend (an engine host exits); a run still going is stopped. */
    @Override
    void close();
}
