package dev.poolscope.host;

import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.MetricsSnapshot;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Runs in this JVM, on a {@link RunEngine}. */
public final class LocalBackend implements RunBackend {
    private final RunEngine engine;
    private final RecordingSlot recorder = new RecordingSlot();

    public LocalBackend(RunEngine engine) {
        this.engine = engine;
    }

    @Override
    public RunControl start(RunSpec spec) {
        return new LocalRun(engine.start(spec));
    }

    @Override
    public void startRecording() {
        recorder.start();
    }

    @Override
    public void saveRecording(java.nio.file.Path file) {
        recorder.saveTo(file);
    }

    @Override
    public String describe() {
        return "engine in the dashboard's process";
    }

    @Override
    public void close() {
        // nothing of its own: each run owns its pool
    }

    /** A {@link Run} seen as a {@link RunControl}. */
    private record LocalRun(Run run) implements RunControl {
        @Override
        public RunSpec spec() {
            return run.spec();
        }

        @Override
        public CompletableFuture<RunReport> report() {
            return run.report();
        }

        @Override
        public MetricsSnapshot latest() {
            return run.latest();
        }

        @Override
        public void addListener(Consumer<? super MetricsSnapshot> listener) {
            run.addListener(listener);
        }

        @Override
        public void removeListener(Consumer<? super MetricsSnapshot> listener) {
            run.removeListener(listener);
        }

        @Override
        public void resize(int workers) {
            run.resize(workers);
        }

        @Override
        public void stop() {
            run.stop();
        }

        @Override
        public boolean canKillWorker() {
            return run.pool().killsWorkers();
        }

        @Override
        public long killWorker(int slot) {
            return run.pool().killWorker(slot);
        }

        @Override
        public boolean stopAndAwait(Duration timeout) throws InterruptedException {
            return LocalBackend.stopAndAwait(run, timeout);
        }

        @Override
        public Run local() {
            return run;
        }
    }

    /** Stops a run and waits for its report and its workers (bounded); forces the pool down if late. */
    static boolean stopAndAwait(Run run, Duration timeout) throws InterruptedException {
        run.stop();
        try {
            run.await(timeout);
            // the report can complete while interrupted tasks are still finishing: wait for the workers too
            if (!run.pool().awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                run.pool().shutdownNow();
                return false;
            }
            return true;
        } catch (TimeoutException e) {
            run.pool().shutdownNow();
            return false;
        }
    }
}
