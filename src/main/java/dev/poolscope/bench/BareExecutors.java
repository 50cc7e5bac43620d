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
 * <li>{@code virtual}: a new virtual thread per task, at most {@code n} running at
 *     once through a {@link Semaphore} each virtual thread acquires before its task
 *     (the idiom JEP 444 recommends for limiting concurrency); the submitter never waits.</li>
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
     * A virtual thread per task, at most {@code limit} of them running their
     * task at once: each virtual thread takes a permit before its task and gives
     * it back after, so surplus threads wait parked (cheaply) and
     * {@link #execute} never blocks. Termination waits until every started
     * thread has ended.
     */
    public static final class SemaphoreVirtualExecutor extends AbstractExecutorService {
        private final Semaphore permits;
        private final int limit;
        private final Thread.Builder.OfVirtual builder = Thread.ofVirtual().name("bare-virtual-", 0);
        private final java.util.concurrent.atomic.LongAdder started = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder ended = new java.util.concurrent.atomic.LongAdder();
        private volatile boolean shutdown;

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
            started.increment();
            try {
                builder.start(() -> {
                    try {
                        permits.acquireUninterruptibly();
                        try {
                            task.run();
                        } finally {
                            permits.release();
                        }
                    } finally {
                        ended.increment();
                    }
                });
            } catch (RuntimeException | Error e) {
                ended.increment();
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
            return shutdown && ended.sum() == started.sum();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!isTerminated()) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                Thread.sleep(1);
            }
            return true;
        }

        @Override
        public String toString() {
            return "SemaphoreVirtualExecutor[limit=" + limit + ", running=" + (limit - permits.availablePermits())
                    + ", started=" + started.sum() + ", ended=" + ended.sum() + "]";
        }
    }
}
