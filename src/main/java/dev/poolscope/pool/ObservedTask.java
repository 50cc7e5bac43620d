package dev.poolscope.pool;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.WorkerRecorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * A task as a pool sees it: a {@link FutureTask} that records its submit, start
 * and end instants on the worker that runs it, and reports its outcome to the
 * pool's recorder exactly once (from {@link #done()}, which {@code FutureTask}
 * calls exactly once).
 *
 * <p>Outcomes: the future's own state decides succeeded, failed or cancelled;
 * the pool marks rejections ({@link #reject(String)}) and timeouts
 * ({@link #timeOut(long)}), which complete the future with a
 * {@link RejectedExecutionException} or {@link TaskTimeoutException}.
 *
 * @param <V> the result type
 */
public final class ObservedTask<V> extends FutureTask<V> {
    private static final int MARK_REJECTED = 1;
    private static final int MARK_TIMED_OUT = 2;

    private static final int RUN_IDLE = 0;
    private static final int RUN_RUNNING = 1;
    private static final int RUN_INTERRUPTING = 2;
    private static final int RUN_DONE = 3;
    private static final VarHandle RUN_STATE;

    static {
        try {
            RUN_STATE = MethodHandles.lookup().findVarHandle(ObservedTask.class, "runState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AbstractWorkerPool pool;
    private final Callable<V> callable;
    /** Set once by execute(); an unsubmitted task runs as a plain FutureTask. */
    boolean submitted;
    long id;
    long submitNanos;
    private volatile int mark;
    private volatile Throwable poolFailure;
    @SuppressWarnings("unused")
    private volatile int runState;
    private volatile Thread runner;
    private boolean started; // written by the runner; read for display only
    /** The worker and thread running the task (plain: only read back on that same thread). */
    private WorkerRecorder ranBy;
    private Thread ranOn;
    /** Set by pools that count admitted tasks (forkjoin with a bound). */
    volatile boolean holdsRoom;
    private Consumer<? super ObservedTask<V>> onDone;
    /** Set by cancel(true) before it cancels: a remote worker then interrupts the task too. */
    private volatile boolean cancelInterrupts;
    /** forkjoin: the pool's own task that runs this one, so a worker waiting for it joins (and helps) instead of parking. */
    volatile java.util.concurrent.ForkJoinTask<?> joinable;
    /** The callable's traits, read once when a queue first orders the task. */
    private TaskTraits traits;

    ObservedTask(AbstractWorkerPool pool, Callable<V> callable) {
        super(callable);
        this.pool = pool;
        this.callable = callable;
    }

    /** The task's sequence number in its pool (set when submitted). */
    public long id() {
        return id;
    }

    /** When the task was submitted ({@link System#nanoTime()}). */
    public long submitNanos() {
        return submitNanos;
    }

    /** The wrapped callable (process pools send it to a worker). */
    public Callable<V> callable() {
        return callable;
    }

    /** True once a worker has begun the task. */
    public boolean started() {
        return started;
    }

    /** The thread that runs or ran the task, or null before it started (for the pool's stall watch). */
    Thread ranOn() {
        return ranOn;
    }

    /** What the callable says about itself ({@link TaskTraits}), or {@link TaskTraits#NONE}. */
    public TaskTraits traits() {
        TaskTraits t = traits;
        if (t == null) {
            t = callable instanceof TaskTraits tt ? new Fixed(tt.priority(), tt.expectedNanos()) : TaskTraits.NONE;
            traits = t;
        }
        return t;
    }

    /** Traits read once, so a queue's order never changes under it. */
    private record Fixed(int priority, long expectedNanos) implements TaskTraits {
    }

    /** Sets a callback run once when the task ends, in any outcome. Call before submitting. */
    public void onDone(Consumer<? super ObservedTask<V>> callback) {
        this.onDone = callback;
    }

    @Override
    public void run() {
        if (!submitted) {
            super.run();
            return;
        }
        runOn(pool.recorderForCurrentThread());
    }

    /**
     * Runs the task on behalf of the given worker, recording its instants.
     * Does nothing if the task has already ended (cancelled or rejected while queued).
     */
    public void runOn(WorkerRecorder worker) {
        if (isDone()) {
            return;
        }
        started = true;
        ranBy = worker;
        ranOn = Thread.currentThread();
        if (!pool.hasTimeout()) {
            // fast path: nobody but a canceller can interrupt, and FutureTask handles that
            long start = System.nanoTime();
            worker.taskStarted(id, start);
            try {
                super.run();
            } finally {
                worker.taskFinished(id, submitNanos, start, System.nanoTime(), outcome());
            }
            return;
        }
        runner = Thread.currentThread();
        RUN_STATE.setVolatile(this, RUN_RUNNING);
        long start = System.nanoTime();
        worker.taskStarted(id, start);
        ScheduledFuture<?> timer = pool.armTimeout(this);
        try {
            super.run();
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            long end = System.nanoTime();
            if (!RUN_STATE.compareAndSet(this, RUN_RUNNING, RUN_DONE)) {
                // a timeout is interrupting us: wait for it, then clear the interrupt
                while ((int) RUN_STATE.getVolatile(this) == RUN_INTERRUPTING) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
            }
            runner = null;
            Outcome o = outcome();
            if (o == Outcome.TIMED_OUT) {
                pool.timeoutOverrun(end - start);
            }
            worker.taskFinished(id, submitNanos, start, end, o);
        }
    }

    /**
     * Completes a running task as timed out and interrupts its thread. Called by
     * the pool's timer. Does nothing if the task has already ended.
     */
    void timeOut(long limitNanos) {
        if (!tryFail(MARK_TIMED_OUT, new TaskTimeoutException("task ran longer than its timeout of "
                + formatMillis(limitNanos) + " and was stopped"))) {
            return;
        }
        if (RUN_STATE.compareAndSet(this, RUN_RUNNING, RUN_INTERRUPTING)) {
            Thread t = runner;
            try {
                if (t != null) {
                    t.interrupt();
                }
            } finally {
                RUN_STATE.setVolatile(this, RUN_DONE);
            }
        }
    }

    /**
     * Waits for the result. For pools whose workers are elsewhere the caller
     * first spins briefly ({@link AbstractWorkerPool#spinBeforeParkNanos()}):
     * a reply from a worker process often arrives within microseconds, and
     * waking a parked thread costs more than that on many virtual machines.
     */
    @Override
    public V get() throws InterruptedException, java.util.concurrent.ExecutionException {
        spinUntilDone(pool.spinBeforeParkNanos());
        if (submitted && !isDone()) {
            try {
                return pool.awaitOwn(this, -1);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("an untimed wait timed out", e);
            }
        }
        return super.get();
    }

    @Override
    public V get(long timeout, java.util.concurrent.TimeUnit unit)
            throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        long nanos = unit.toNanos(timeout);
        long spin = Math.min(nanos, pool.spinBeforeParkNanos());
        long t0 = System.nanoTime();
        spinUntilDone(spin);
        long left = Math.max(0, nanos - (System.nanoTime() - t0));
        if (submitted && !isDone() && left > 0) {
            return pool.awaitOwn(this, left);
        }
        return super.get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The plain wait of {@code FutureTask}: forever if {@code nanos < 0}. */
    V await(long nanos) throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        return nanos < 0 ? super.get() : super.get(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private void spinUntilDone(long nanos) {
        if (nanos <= 0 || isDone()) {
            return;
        }
        long end = System.nanoTime() + nanos;
        while (!isDone() && System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * For pools whose workers are elsewhere (worker processes): marks the task
     * as started. Returns false if it has already ended (cancelled while queued),
     * in which case it must not be sent.
     */
    public boolean beginRemote() {
        if (isDone()) {
            return false;
        }
        started = true;
        return true;
    }

    /** Completes the task with a result computed elsewhere. Returns false if it had already ended. */
    @SuppressWarnings("unchecked")
    public boolean completeRemote(Object value) {
        if (isDone()) {
            return false;
        }
        set((V) value);
        return state() == State.SUCCESS && resultNow() == value;
    }

    /** Fails the task with its own exception, raised elsewhere. Returns false if it had already ended. */
    public boolean failRemote(Throwable cause) {
        if (isDone()) {
            return false;
        }
        setException(cause);
        return state() == State.FAILED && exceptionNow() == cause;
    }

    /** Ends the task as timed out, with a message saying what was done. Returns false if it had already ended. */
    public boolean timeOutRemote(String message) {
        return tryFail(MARK_TIMED_OUT, new TaskTimeoutException(message));
    }

    /** Completes the task as rejected. Returns false if it had already ended. */
    boolean reject(String why) {
        return tryFail(MARK_REJECTED, new RejectedExecutionException(why));
    }

    /** Fails the task with an exception of the pool's own; its identity marks the outcome. */
    private boolean tryFail(int kind, Throwable t) {
        if (isDone()) {
            return false;
        }
        synchronized (this) {
            if (poolFailure != null) {
                return false;
            }
            mark = kind;
            poolFailure = t;
        }
        setException(t);
        // setException is a no-op if another completion won the race
        return state() == State.FAILED && exceptionNow() == t;
    }

    private static String formatMillis(long nanos) {
        return nanos % 1_000_000 == 0 ? (nanos / 1_000_000) + " ms" : String.format("%.3f ms", nanos / 1e6);
    }

    /** The outcome so far: null while the task has not ended. */
    public Outcome outcome() {
        return switch (state()) {
            case RUNNING -> null;
            case SUCCESS -> Outcome.SUCCEEDED;
            case CANCELLED -> Outcome.CANCELLED;
            case FAILED -> {
                Throwable e = exceptionNow();
                if (e == poolFailure && e != null) {
                    yield mark == MARK_REJECTED ? Outcome.REJECTED : Outcome.TIMED_OUT;
                }
                yield pool.stoppedNow() && interrupted(e) ? Outcome.CANCELLED : Outcome.FAILED;
            }
        };
    }

    static boolean interrupted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (mayInterruptIfRunning) {
            cancelInterrupts = true;
        }
        return pool.cancelCounted(() -> super.cancel(mayInterruptIfRunning));
    }

    /** True if the task was cancelled by {@code cancel(true)} (for pools whose workers are elsewhere). */
    public boolean cancelledWithInterrupt() {
        return cancelInterrupts && isCancelled();
    }

    @Override
    protected void done() {
        if (!submitted) {
            return;
        }
        Outcome o = outcome();
        if (o == null) {
            o = Outcome.CANCELLED;
        }
        Throwable cause = (o == Outcome.FAILED || o == Outcome.TIMED_OUT) ? exceptionNow() : null;
        // decided on the running worker's own thread: count it there, without a shared counter
        WorkerRecorder decidedOn = ranOn == Thread.currentThread() ? ranBy : null;
        pool.taskEnded(this, o, cause, decidedOn);
        Consumer<? super ObservedTask<V>> callback = onDone;
        if (callback != null) {
            callback.accept(this);
        }
    }

    @Override
    public String toString() {
        Outcome o = isDone() ? outcome() : null;
        return "ObservedTask[id=" + id + ", " + (o != null ? o : started ? "running" : "queued") + "]";
    }
}
