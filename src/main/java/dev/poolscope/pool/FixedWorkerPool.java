package dev.poolscope.pool;

import dev.poolscope.metrics.WorkerRecorder;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code fixed} kind: a {@link ThreadPoolExecutor} with as many platform
 * threads as workers, all started at once, a {@link LinkedBlockingQueue}
 * (bounded or not; a {@link SynchronousQueue} for capacity 0), and the
 * pool's rejection policy as its handler.
 *
 * <p>Resizing grows the maximum before the core size and shrinks the core
 * before the maximum, the order {@code ThreadPoolExecutor} requires; surplus
 * threads exit after their current task.
 */
public final class FixedWorkerPool extends AbstractWorkerPool {
    /** The kind's registry entry. */
    public static final class Kind implements PoolKind {
        @Override public String name() { return "fixed"; }
        @Override public String description() { return "platform threads in a ThreadPoolExecutor"; }
        @Override public int maxWorkers() { return 1024; }
        @Override public int order() { return 10; }
        @Override public boolean ordersQueue() { return true; }
        @Override public WorkerPool create(PoolConfig config) { return new FixedWorkerPool(config); }
    }

    private final ThreadPoolExecutor executor;
    private volatile int target;

    /** Creates and starts the pool. */
    public FixedWorkerPool(PoolConfig config) {
        super("fixed", config, 1024);
        checkWorkers(config.workers());
        this.target = config.workers();
        BlockingQueue<Runnable> queue = switch (config.queueCapacity()) {
            case PoolConfig.UNBOUNDED -> config.queueOrder() == QueueOrder.FIFO ? new LinkedBlockingQueue<>()
                    : new OrderedBlockingQueue<>(config.queueOrder(), PoolConfig.UNBOUNDED, r -> (ObservedTask<?>) r);
            case 0 -> new SynchronousQueue<>();
            default -> config.queueOrder() == QueueOrder.FIFO ? new LinkedBlockingQueue<>(config.queueCapacity())
                    : new OrderedBlockingQueue<>(config.queueOrder(), config.queueCapacity(), r -> (ObservedTask<?>) r);
        };
        executor = new ThreadPoolExecutor(target, target, 30, TimeUnit.SECONDS, queue, new Factory(),
                (r, e) -> {
                    if (r instanceof LightTask l) {
                        throw lightRejected(l); // an unbounded queue refuses only when shut down
                    }
                    saturated((ObservedTask<?>) r);
                }) {
            @Override
            protected void terminated() {
                releaseTimer();
            }
        };
        executor.prestartAllCoreThreads();
    }

    private final class Factory implements ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            WorkerRecorder rec = metrics.addWorker("fixed-" + n.getAndIncrement(), false);
            return new Worker(r, FixedWorkerPool.this, rec);
        }
    }

    private static final class Worker extends Thread implements RecordingThread {
        private final AbstractWorkerPool pool;
        private final WorkerRecorder recorder;

        Worker(Runnable r, AbstractWorkerPool pool, WorkerRecorder recorder) {
            super(r, "poolscope-" + pool.kind() + "-" + recorder.id());
            this.pool = pool;
            this.recorder = recorder;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                super.run();
            } finally {
                recorder.retire();
            }
        }

        @Override public AbstractWorkerPool pool() { return pool; }
        @Override public WorkerRecorder recorder() { return recorder; }
    }

    @Override
    protected void dispatch(ObservedTask<?> task) {
        executor.execute(task);
    }

    @Override
    boolean executesLight() {
        return config().queueCapacity() == PoolConfig.UNBOUNDED && config().queueOrder() == QueueOrder.FIFO;
    }

    @Override
    void dispatchLight(LightTask task) {
        executor.execute(task);
    }

    @Override
    protected boolean offerQueued(ObservedTask<?> task, long nanos) throws InterruptedException {
        return executor.getQueue().offer(task, nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    protected ObservedTask<?> pollOldestQueued() {
        return (ObservedTask<?>) (executor.getQueue() instanceof OrderedBlockingQueue<Runnable> q ? q.pollOldest()
                : executor.getQueue().poll());
    }

    @Override
    public int workers() {
        return target;
    }

    @Override
    public int liveWorkers() {
        return executor.getPoolSize();
    }

    @Override
    public synchronized void resize(int workers) {
        checkWorkers(workers);
        if (isShutdown()) {
            throw new java.util.concurrent.RejectedExecutionException("pool '" + kind() + "' is shut down");
        }
        if (workers > executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(workers);
            executor.setCorePoolSize(workers);
            executor.prestartAllCoreThreads();
        } else {
            executor.setCorePoolSize(workers);
            executor.setMaximumPoolSize(workers);
        }
        target = workers;
    }

    @Override
    public void shutdown() {
        executor.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return stopNowAndHandBack(executor::shutdownNow);
    }

    @Override
    public boolean isShutdown() {
        return executor.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return executor.isTerminated() && stopsFinished();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return executor.awaitTermination(timeout, unit) && awaitStops(deadline);
    }
}
