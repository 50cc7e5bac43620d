package dev.poolscope.process;

import dev.poolscope.metrics.WorkerState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts the process pool's worker processes, one at a time on its spawner
 * thread (so a slow start never holds the supervisor's lock), gives each its
 * log and reader threads, and takes each worker's handshake. A slot whose
 * start fails is handled by {@link WorkerDeaths#startFailed}.
 */
final class WorkerSpawner {
    private final WorkerSupervisor sup;
    private final WorkerLauncher launcher;
    private final TaskCodec codec;
    private final ExecutorService executor;
    /** Starts requested and not yet done; guarded by the supervisor's lock. */
    private int pending;

    WorkerSpawner(WorkerSupervisor sup, WorkerLauncher launcher, TaskCodec codec) {
        this.sup = sup;
        this.launcher = launcher;
        this.codec = codec;
        this.executor = Executors.newSingleThreadExecutor(r -> WorkerSupervisor.daemon(r, "process-pool-spawner"));
    }

    /** True if no start is under way. Under the supervisor's lock. */
    boolean idle() {
        return pending == 0;
    }

    /** Ends the spawner thread once the pool has terminated. */
    void close() {
        executor.shutdown();
    }

    /**
     * Waits until every slot's worker has reported ready, or a start failed for
     * good, or the start limit (per attempt) passed; returns the failure, or null.
     */
    WorkerStartException awaitReady() {
        ProcessPoolSettings settings = sup.settings;
        long deadline = System.nanoTime() + settings.startTimeout().toNanos() * (settings.maxStartFailures() + 1L);
        sup.lock.lock();
        try {
            while (sup.startFailure == null && !sup.pool.stoppedNow() && sup.readyCount() < sup.target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    sup.startFailure = new WorkerStartException("process pool: only " + sup.readyCount() + " of "
                            + sup.target + " workers became ready in time", List.of());
                    break;
                }
                sup.changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100))); // also sees a stop for exit
            }
            if (sup.startFailure == null && sup.pool.stoppedNow()) {
                return new WorkerStartException("process pool: stopped while its workers started", List.of());
            }
            return sup.startFailure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WorkerStartException("interrupted while waiting for workers to start", List.of());
        } finally {
            sup.lock.unlock();
        }
    }

    /** Starts a process for the slot on the spawner thread. Under the supervisor's lock. */
    void requestSpawn(WorkerSlot s) {
        pending++;
        executor.execute(() -> spawn(s));
    }

    private void spawn(WorkerSlot s) {
        Process process = null;
        IOException error = null;
        boolean abandon;
        sup.lock.lock();
        try {
            abandon = sup.pool.stoppedNow() || s.retired() || sup.startFailure != null;
        } finally {
            sup.lock.unlock();
        }
        long launchNanos = System.nanoTime();
        if (!abandon) {
            try {
                process = launcher.start(s.id);
            } catch (IOException e) {
                error = e;
            }
        }
        List<Runnable> after = new ArrayList<>();
        WorkerChannel c;
        sup.lock.lock();
        try {
            pending--;
            if (process == null) {
                if (error != null) {
                    sup.deaths.startFailed(s, "could not start a JVM: " + error.getMessage(), List.of(), after);
                }
                sup.maybeTerminate();
                return;
            }
            c = new WorkerChannel(s, process, launchNanos, sup.settings.logLines());
            s.channel = c;
            s.lastPid = c.pid;
            sup.live.add(c);
            WorkerReaper.add(process);
            s.recorder.setProcessFigures(c.pid, -1, -1, -1);
            s.show(WorkerState.STARTING);
            if (sup.pool.stoppedNow() || s.retired()) {
                c.kill(sup.pool.stoppedNow() ? "pool shut down now" : "retired while starting (pool shrank)");
            }
        } finally {
            sup.lock.unlock();
            after.forEach(Runnable::run);
        }
        WorkerSupervisor.daemon(() -> c.log.drain(c.process.getErrorStream()), "process-worker-" + s.id + "-log").start();
        WorkerSupervisor.daemon(() -> new ChannelReader(sup, c, codec).run(), "process-worker-" + s.id + "-reader").start();
    }

    /** The handshake arrived: the worker takes tasks. */
    void ready(WorkerChannel c) {
        List<Runnable> after = new ArrayList<>();
        sup.lock.lock();
        try {
            c.moveTo(WorkerChannel.Phase.READY);
            sup.consecutiveStartFailures = 0;
            WorkerSlot s = c.slot;
            WorkerSlot.keep(s.startups, c.startupMillis);
            s.recorder.setProcessFigures(c.pid, -1, -1, c.startupMillis);
            if (!c.broken()) {
                sup.showState(s);
            }
            sup.pump(after);
        } finally {
            sup.lock.unlock();
            after.forEach(Runnable::run);
        }
    }
}
