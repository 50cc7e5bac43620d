package dev.poolscope.bench;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;

/**
 * The bare JDK executors that PoolScope's thread-pool kinds are measured
 * against: the same machinery, the same size, no observation.
 * <ul>
 * <li>{@code fixed}: {@link Executors#newFixedThreadPool(int)} with its threads started.</li>
 * <li>{@code forkjoin}: {@code new ForkJoinPool(n)} in async (FIFO) mode, as the {@code forkjoin} kind uses.</li>
 * <li>{@code virtual}: a new virtual thread per task, at most {@code n} at once
 *     through a {@link Semaphore} the submitter acquires.</li>
 * </ul>
 */
public final class BareExecutors {
    private BareExecutors() {
    }

    /** The kind names that have a bare baseline. */
    public static List<String> kinds() {
        return List.of("fixed", "virtual", "forkjoin");
    }

    /** The bare executor for a pool kind, or empty if the kind has none (e.g. process pools). */
    public static Optional<ExecutorService> create(String kind, int workers) {
        return switch (kind) {
            case "fixed" -> {
                ThreadPoolExecutor e = (ThreadPoolExecutor) Executors.newFixedThreadPool(workers);
                e.prestartAllCoreThreads();
                yield Optional.of(e);
            }
            case "forkjoin" -> Optional.of(new ForkJoinPool(workers,
                    ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true));
            case "virtual" -> Optional.of(new SemaphoreVirtualExecutor(workers));
            default -> Optional.empty();
        };
    }

    /**
     * A virtual thread per task, at most {@code limit} running: {@link #execute}
     * blocks the submitter until a permit is free. Termination waits for all
     * permits to come back.
     */
    public static final class SemaphoreVirtualExecutor extends AbstractExecutorService {
        private final Semaphore permits;
        private final int limit;
        private final Thread.Builder.OfVirtual builder = Thread.ofVirtual().name("bare-virtual-", 0);
        private volatile boolean shutdown;
        private volatile boolean terminated;

        /** An executor running at most {@code limit} tasks at once. */
        public SemaphoreVirtualExecutor(int limit) {
            this.limit = limit;
            this.permits = new Semaphore(limit);
        }

        @Override
        public void execute(Runnable task) {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            permits.acquireUninterruptibly();
            try {
                builder.start(() -> {
                    try {
                        task.run();
                    } finally {
                        permits.release();
                    }
                });
            } catch (RuntimeException | Error e) {
                permits.release();
                throw e;
            }
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return terminated;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            if (terminated) {
                return true;
            }
            if (!shutdown) {
                unit.sleep(timeout);
                return false;
            }
            if (permits.tryAcquire(limit, timeout, unit)) {
                terminated = true;
                permits.release(limit);
                return true;
            }
            return false;
        }

        @Override
        public String toString() {
            return "SemaphoreVirtualExecutor[limit=" + limit + ", running=" + (limit - permits.availablePermits()) + "]";
        }
    }
}
