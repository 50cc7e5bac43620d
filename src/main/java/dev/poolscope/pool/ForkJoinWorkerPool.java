package dev.poolscope.pool;

import dev.poolscope.metrics.WorkerRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code forkjoin} kind: a work-stealing {@link ForkJoinPool} (FIFO
 * local queues) whose parallelism is the worker count.
 *
 * <p>A {@code ForkJoinPool} has no queue bound of its own. With a bounded
 * capacity this pool admits at most {@code workers + capacity} tasks that have
 * not ended (running or waiting), the same limit a {@code ThreadPoolExecutor}
 * with that many threads and that queue capacity reaches; the rejection policy
 * applies beyond it. "Discard oldest" takes the task the pool's submission
 * queues yield first. Resizing calls {@link ForkJoinPool#setParallelism(int)}.
 */
public final class ForkJoinWorkerPool extends AbstractWorkerPool {
    /** The kind's registry entry. */
    public static final class Kind implements PoolKind {
        @Override public String name() { return "forkjoin"; }
        @Override public String description() { return "work-stealing ForkJoinPool"; }
        @Override public int maxWorkers() { return 1024; }
        @Override public int order() { return 30; }
        @Override public WorkerPool create(PoolConfig config) { return new ForkJoinWorkerPool(config); }
    }

    private final Fjp fjp;
    private final Room room;
    private volatile int target;
    private final AtomicInteger threadNumbers = new AtomicInteger();

    /** Creates and starts the pool. */
    public ForkJoinWorkerPool(PoolConfig config) {
        super("forkjoin", config, 1024);
        checkWorkers(config.workers());
        target = config.workers();
        room = config.bounded() ? new Room(config.workers() + config.queueCapacity()) : null;
        fjp = new Fjp(target, p -> new Worker(p, this), true);
    }

    /** A ForkJoinPool that lets us take queued submissions back. */
    private static final class Fjp extends ForkJoinPool {
        Fjp(int parallelism, ForkJoinWorkerThreadFactory factory, boolean asyncMode) {
            super(parallelism, factory, null, asyncMode);
        }

        int drainTo(List<ForkJoinTask<?>> out) {
            return drainTasksTo(out);
        }

        ForkJoinTask<?> pollOne() {
            return pollSubmission();
        }
    }

    /** A semaphore whose permits can be reduced when the pool shrinks. */
    private static final class Room extends Semaphore {
        Room(int permits) {
            super(permits);
        }

        void reduce(int n) {
            reducePermits(n);
        }
    }

    private static final class Worker extends ForkJoinWorkerThread implements RecordingThread {
        private final ForkJoinWorkerPool owner;
        private final WorkerRecorder recorder;

        Worker(ForkJoinPool pool, ForkJoinWorkerPool owner) {
            super(pool);
            this.owner = owner;
            this.recorder = owner.metrics.addWorker("forkjoin-" + owner.threadNumbers.getAndIncrement(), false);
            setName("poolscope-forkjoin-" + recorder.id());
        }

        @Override
        protected void onTermination(Throwable exception) {
            recorder.retire();
            super.onTermination(exception);
        }

        @Override public AbstractWorkerPool pool() { return owner; }
        @Override public WorkerRecorder recorder() { return recorder; }
    }

    /** Runs one observed or light task inside the ForkJoinPool. */
    private static final class Adapter extends ForkJoinTask<Void> {
        final Runnable task;

        Adapter(Runnable task) {
            this.task = task;
        }

        @Override public Void getRawResult() { return null; }
        @Override protected void setRawResult(Void value) { }

        @Override
        protected boolean exec() {
            task.run();
            return true;
        }
    }

    @Override
    protected void dispatch(ObservedTask<?> task) {
        if (room != null && !room.tryAcquire()) {
            saturated(task);
            return;
        }
        submitToFjp(task);
    }

    @Override
    boolean executesLight() {
        return room == null;
    }

    @Override
    void dispatchLight(LightTask task) {
        try {
            fjp.execute(new Adapter(task));
        } catch (RejectedExecutionException e) {
            throw lightRejected(task);
        }
    }

    private void submitToFjp(ObservedTask<?> task) {
        if (room != null) {
            task.holdsRoom = true;
        }
        Adapter a = new Adapter(task);
        task.joinable = a;
        try {
            fjp.execute(a);
        } catch (RejectedExecutionException e) {
            throw rejected(task, "pool 'forkjoin' is shut down");
        }
    }

    /**
     * A worker of this pool that waits for one of its tasks joins the task
     * instead: it runs the task itself if it is still in its own queue, helps
     * with other work, or lets the pool add a compensating thread, so nesting
     * never starves the pool.
     */
    @Override
    boolean joinsOwn(ObservedTask<?> task, long nanos) throws InterruptedException {
        ForkJoinTask<?> j = task.joinable;
        if (j == null || !(Thread.currentThread() instanceof Worker w) || w.owner != this) {
            return false;
        }
        if (nanos < 0) {
            j.quietlyJoin();
            return true;
        }
        j.quietlyJoin(nanos, TimeUnit.NANOSECONDS);
        return true; // done, or the caller's zero-wait get reports the timeout
    }

    @Override
    protected boolean offerQueued(ObservedTask<?> task, long nanos) throws InterruptedException {
        if (room.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
            submitToFjp(task);
            return true;
        }
        return false;
    }

    @Override
    protected ObservedTask<?> pollOldestQueued() {
        ForkJoinTask<?> t = fjp.pollOne();
        return t instanceof Adapter a && a.task instanceof ObservedTask<?> o ? o : null;
    }

    @Override
    protected void onTaskEnded(ObservedTask<?> task) {
        if (task.holdsRoom) {
            task.holdsRoom = false;
            room.release();
        }
    }

    @Override
    public int workers() {
        return target;
    }

    @Override
    public int liveWorkers() {
        return fjp.getPoolSize();
    }

    @Override
    public synchronized void resize(int workers) {
        checkWorkers(workers);
        if (isShutdown()) {
            throw new RejectedExecutionException("pool 'forkjoin' is shut down");
        }
        int diff = workers - target;
        if (room != null) {
            if (diff > 0) {
                room.release(diff);
            } else if (diff < 0) {
                room.reduce(-diff);
            }
        }
        fjp.setParallelism(workers);
        target = workers;
    }

    @Override
    public void shutdown() {
        fjp.shutdown();
        if (fjp.isTerminated()) {
            releaseTimer();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        return stopNowAndCancel(() -> {
            fjp.shutdown();
            List<ForkJoinTask<?>> drained = new ArrayList<>();
            fjp.drainTo(drained);
            fjp.shutdownNow();
            List<Runnable> never = new ArrayList<>();
            for (ForkJoinTask<?> t : drained) {
                if (t instanceof Adapter a) {
                    never.add(a.task);
                }
            }
            return never;
        });
    }

    @Override
    public boolean isShutdown() {
        return fjp.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return fjp.isTerminated() && stopsFinished();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean done = fjp.awaitTermination(timeout, unit) && awaitStops(deadline);
        if (done) {
            releaseTimer();
        }
        return done;
    }
}
