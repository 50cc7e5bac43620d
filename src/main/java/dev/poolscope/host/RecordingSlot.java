package dev.poolscope.host;

import dev.poolscope.jfr.PoolScopeRecording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * At most one JFR recording of PoolScope's events, kept where the runs
 * execute (the engine host, or the dashboard's own JVM with the local
 * backend). Thread-safe.
 */
final class RecordingSlot {
    /** How often each live pool is sampled into the recording. */
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(100);

    private PoolScopeRecording recording;

    /** Starts a recording unless one runs already. */
    synchronized void start() {
        if (recording == null) {
            recording = PoolScopeRecording.start(SAMPLE_PERIOD);
        }
    }

    /**
     * Stops the recording and writes it to {@code file}.
     *
     * @throws IllegalStateException if no recording runs
     * @throws UncheckedIOException if the file cannot be written
     */
    void saveTo(Path file) {
        PoolScopeRecording r;
        synchronized (this) {
            r = recording;
            recording = null;
        }
        if (r == null) {
            throw new IllegalStateException("no JFR recording is running");
        }
        try {
            r.saveTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JFR recording to " + file + ": " + e.getMessage(), e);
        }
    }
}
