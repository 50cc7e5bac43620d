package dev.poolscope.host;

import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.MetricsSnapshot;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A run started by a {@link RunBackend}, wherever it executes: in this JVM
 * ({@link Run}) or in an engine host. Methods may block briefly (a request to
 * the host waits for its answer, bounded) and are meant for one engine thread
 * of the caller's; listeners run on a thread of the backend's.
 */
public interface RunControl {
    /** The run's settings. */
    RunSpec spec();

    /** Completes with the report when the run ends; exceptionally only if the backend was lost. */
    CompletableFuture<RunReport> report();

    /** The latest snapshot, or null before the first. */
    MetricsSnapshot latest();

    /** Adds a listener for later snapshots. */
    void addListener(Consumer<? super MetricsSnapshot> listener);

    /** Removes a snapshot listener. */
    void removeListener(Consumer<? super MetricsSnapshot> listener);

    /**
     * Changes the worker count.
     *
     * @throws dev.poolscope.engine.InvalidSpecException if out of range
     * @throws IllegalStateException if the run has ended
     */
    void resize(int workers);

    /** Asks the run to stop; returns at once. */
    void stop();

    /** True if a single worker can be killed (process pools). */
    boolean canKillWorker();

    /**
     * Kills one worker's process by its slot id.
     *
     * @return the killed process id, or -1 if the slot had no live process
     * @throws UnsupportedOperationException if the pool cannot kill one worker
     */
    long killWorker(int slot);

    /**
     * Stops the run and waits, bounded, for it and its workers to end.
     *
     * @return true if everything ended in time
     */
    boolean stopAndAwait(Duration timeout) throws InterruptedException;

    /** The run object when it executes in this JVM, else null. */
    Run local();
}
