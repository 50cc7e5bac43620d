package dev.poolscope.pool;

import dev.poolscope.metrics.WorkerRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code virtual} kind: a new virtual thread for every task, with at most
 * {@code workers} tasks running at once. The worker count is a number of
 * <em>slots</em>; a task takes a free slot or waits in the pool's queue, and a
 * slot passes straight to the next queued task when its task ends. Each slot
 * is one worker in the metrics.
 *
 * <h2>Life cycle</h2>
 * RUNNING -> (shutdown) SHUTDOWN: queued tasks still run -> TERMINATED when
 * nothing is queued or running. {@code shutdownNow} cancels the queued tasks
 * and interrupts the running ones.
 */
public final class VirtualWorkerPool extends AbstractWorkerPool {
    /** The kind's registry entry. */
    public static final class Kind implements PoolKind {
        @Override public String name() { return "virtual"; }
        @Override public String description() { return "a virtual thread per task, at most 'workers' at once"; }
        @Override public int maxWorkers() { return 10_000; }
        @Override public int order() { return 20; }
        @Override public boolean ordersQueue() { return true; }
        @Override public WorkerPool create(PoolConfig config) { return new VirtualWorkerPool(config); }
    }

    private static final class Slot {
        final WorkerRecorder recorder;
        volatile Thread thread;

        Slot(WorkerRecorder recorder) {
            this.recorder = recorder;
        }
    }

    private final BlockingQueue<ObservedTask<?>> queue; // null for capacity 0
    private final LinkedBlockingDeque<Slot> free = new LinkedBlockingDeque<>();
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger toRetire = new AtomicInteger();
    private final AtomicInteger inDispatch = new AtomicInteger();
    private final ThreadFactory threads = Thread.ofVirtual().name("poolscope-virtual-", 0).factory();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminatedCondition = lock.newCondition();
    private final AtomicInteger slotNumbers = new AtomicInteger();
    private volatile int target;
    private volatile boolean shutdown;
    private volatile boolean terminated;

    /** Creates the pool; slots exist at once, threads start per task. */
    public VirtualWorkerPool(PoolConfig config) {
        super("virtual", config, 10_000);
        checkWorkers(config.workers());
        queue = switch (config.queueCapacity()) {
            case PoolConfig.UNBOUNDED -> config.queueOrder() == QueueOrder.FIFO ? new LinkedBlockingQueue<>()
                    : new OrderedBlockingQueue<>(config.queueOrder(), PoolConfig.UNBOUNDED, t -> t);
            case 0 -> null;
            default -> config.queueOrder() == QueueOrder.FIFO ? new LinkedBlockingQueue<>(config.queueCapacity())
                    : new OrderedBlockingQueue<>(config.queueOrder(), config.queueCapacity(), t -> t);
        };
        target = config.workers();
        for (int i = 0; i < target; i++) {
            free.addLast(newSlot());
        }
    }

    private Slot newSlot() {
        Slot s = new Slot(metrics.addWorker("virtual-" + slotNumbers.getAndIncrement(), false));
        slots.add(s);
        return s;
    }

    @Override
    protected void dispatch(ObservedTask<?> task) {
        // inDispatch keeps the pool from terminating while a submission is half done
        inDispatch.incrementAndGet();
        try {
            if (shutdown) {
                throw rejected(task, "pool 'virtual' is shut down");
            }
            place(task);
        } finally {
            if (inDispatch.decrementAndGet() == 0 && shutdown) {
                checkTerminated();
            }
        }
    }

    private void place(ObservedTask<?> task) {
        Slot s = free.pollFirst();
        if (s != null) {
            start(s, task);
            return;
        }
        if (queue != null && queue.offer(task)) {
            drain();
            return;
        }
        saturated(task);
    }

    private void start(Slot s, ObservedTask<?> task) {
        busy.incrementAndGet();
        startOn(s, task);
    }

    private void startOn(Slot s, ObservedTask<?> task) {
        Thread t = threads.newThread(() -> runSlot(s, task));
        s.thread = t;
        t.start();
    }

    /** The pool whose slot runs the current virtual thread's task (for {@link WorkerPool#current()}). */
    static final ThreadLocal<VirtualWorkerPool> CURRENT = new ThreadLocal<>();

    private void runSlot(Slot s, ObservedTask<?> task) {
        CURRENT.set(this); // a new virtual thread per task: set once, gone with the thread
        try {
            task.runOn(s.recorder);
        } finally {
            s.thread = null;
            afterTask(s);
        }
    }

    private void afterTask(Slot s) {
        if (retireIfAsked(s)) {
            busy.decrementAndGet();
            drain();
            checkTerminated();
            return;
        }
        ObservedTask<?> next = queue == null ? null : queue.poll();
        if (next != null) {
            startOn(s, next); // the slot passes straight on: a new virtual thread for the next task
            return;
        }
        busy.decrementAndGet();
        free.addFirst(s);
        drain();
        checkTerminated();
    }

    private boolean retireIfAsked(Slot s) {
        for (int n = toRetire.get(); n > 0; n = toRetire.get()) {
            if (toRetire.compareAndSet(n, n - 1)) {
                slots.remove(s);
                s.recorder.retire();
                return true;
            }
        }
        return false;
    }

    /** Starts queued tasks on free slots; called by everyone who adds a task or frees a slot. */
    private void drain() {
        if (queue == null) {
            return;
        }
        while (!queue.isEmpty()) {
            Slot s = free.pollFirst();
            if (s == null) {
                return;
            }
            busy.incrementAndGet(); // before taking the task, so the pool never looks idle with a task in hand
            ObservedTask<?> t = queue.poll();
            if (t == null) {
                busy.decrementAndGet();
                free.addFirst(s);
                checkTerminated();
                return;
            }
            startOn(s, t);
        }
    }

    @Override
    protected boolean offerQueued(ObservedTask<?> task, long nanos) throws InterruptedException {
        if (queue != null) {
            if (queue.offer(task, nanos, TimeUnit.NANOSECONDS)) {
                drain();
                return true;
            }
            return false;
        }
        Slot s = free.pollFirst(nanos, TimeUnit.NANOSECONDS);
        if (s == null) {
            return false;
        }
        start(s, task);
        return true;
    }

    @Override
    protected ObservedTask<?> pollOldestQueued() {
        if (queue instanceof OrderedBlockingQueue<ObservedTask<?>> q) {
            return q.pollOldest();
        }
        return queue == null ? null : queue.poll();
    }

    @Override
    String workerLabel(Thread thread) {
        for (Slot s : slots) {
            if (s.thread == thread) {
                return s.recorder.label();
            }
        }
        return null;
    }

    @Override
    public int workers() {
        return target;
    }

    @Override
    public int liveWorkers() {
        return slots.size();
    }

    @Override
    public synchronized void resize(int workers) {
        checkWorkers(workers);
        if (shutdown) {
            throw new RejectedExecutionException("pool 'virtual' is shut down");
        }
        int diff = workers - target;
        target = workers;
        while (diff > 0) {
            int n = toRetire.get();
            if (n == 0) {
                break;
            }
            if (toRetire.compareAndSet(n, n - 1)) {
                diff--;
            }
        }
        for (; diff > 0; diff--) {
            free.addLast(newSlot());
        }
        while (diff < 0) {
            Slot s = free.pollLast();
            if (s == null) {
                toRetire.addAndGet(-diff);
                break;
            }
            slots.remove(s);
            s.recorder.retire();
            diff++;
        }
        drain();
    }

    @Override
    public void shutdown() {
        shutdown = true;
        checkTerminated();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> never = stopNowAndHandBack(() -> {
            shutdown = true;
            List<Runnable> drained = new ArrayList<>();
            if (queue != null) {
                queue.drainTo(drained);
            }
            for (Slot s : slots) {
                Thread t = s.thread;
                if (t != null) {
                    t.interrupt();
                }
            }
            return drained;
        });
        checkTerminated();
        return never;
    }

    @Override
    protected void stopsChanged() {
        checkTerminated();
    }

    private void checkTerminated() {
        if (shutdown && inDispatch.get() == 0 && stopsFinished() && busy.get() == 0 && (queue == null || queue.isEmpty()) && !terminated) {
            lock.lock();
            try {
                if (!terminated) {
                    terminated = true;
                    for (Slot s : slots) {
                        s.recorder.retire();
                    }
                    releaseTimer();
                    terminatedCondition.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
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
        return awaitUnder(lock, terminatedCondition, () -> terminated, unit.toNanos(timeout));
    }
}
