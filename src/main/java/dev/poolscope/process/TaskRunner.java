package dev.poolscope.process;

import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A worker process's task thread: runs the requests the reader hands it one
 * at a time, in arrival order, and writes each one's result or failure to the
 * worker's output. Each reply is flushed before the next task starts (so a
 * crash never loses the reply of a finished task), except within a batch
 * ({@link Frames#CONTINUES_BATCH}): there replies are flushed when no
 * request is waiting, when the oldest has waited {@value #HOLD_BACK_NANOS} ns,
 * or before the next batch starts. A task with a cancel mark is skipped
 * before it starts, and a cancel mark for the running task interrupts it when
 * asked to; a mark and the start of a task never cross.
 */
final class TaskRunner implements Runnable {
    /**
     * One task request as read from the parent.
     *
     * @param taskId the pool's task id
     * @param type {@link Frames#RUN_WORKLOAD} or {@link Frames#RUN_OBJECT}
     * @param payload the frame, positioned after the id
     * @param continuesBatch true if the frame carried {@link Frames#CONTINUES_BATCH}
     */
    record Request(long taskId, int type, FrameBuffer payload, boolean continuesBatch) {
    }

    /** The longest a reply held back within a batch waits before the next task starts without it: 200 µs. */
    static final long HOLD_BACK_NANOS = 200_000;
    private static final int MAX_TRACE = 32 * 1024;
    /** How long the task thread spins for its next request before it parks. */
    private static final long SPIN_NANOS = 50_000;

    private final WorkerOutput output;
    private final FrameBuffer outBuf = new FrameBuffer(256);
    private final ObjectInputFilter filter = SerialFilter.create(List.of());
    private final Handoff<Request> requests = new Handoff<>(SPIN_NANOS);
    private volatile long tasksDone;
    /** Guards {@link #running} and {@link #skip}: a cancel mark and the start of a task never cross. */
    private final Object cancelLock = new Object();
    /** The id of the task running now, or -1. */
    private long running = -1;
    /** Ids of tasks cancelled before they started (the oldest dropped beyond a bound). */
    private final LinkedHashSet<Long> skip = new LinkedHashSet<>();
    private volatile Thread taskThread;
    /** The last workload binding (its frame bytes before the index), reused while tasks share it. */
    private byte[] lastBinding;
    private TaskSource lastSource;

    /** @param output where replies go */
    TaskRunner(WorkerOutput output) {
        this.output = output;
    }

    /** Starts the task thread (a daemon named {@code task}). */
    void start() {
        Thread t = new Thread(this, "task");
        t.setDaemon(true);
        taskThread = t;
        t.start();
    }

    /** Hands a request to the task thread. Reader thread. */
    void submit(Request r) {
        requests.add(r);
    }

    /** Tasks finished so far (results and failures). */
    long tasksDone() {
        return tasksDone;
    }

    /** A cancel mark: interrupts the task if it runs now (when asked to), else marks it to be skipped. */
    void cancel(long id, boolean interrupt) {
        synchronized (cancelLock) {
            if (running == id) {
                if (interrupt) {
                    taskThread.interrupt();
                }
            } else {
                skip.add(id);
                if (skip.size() > 10_000) {
                    skip.remove(skip.iterator().next());
                }
            }
        }
    }

    /** Runs requests until the JVM exits. */
    @Override
    public void run() {
        while (true) {
            Request r;
            try {
                r = nextRequest();
            } catch (InterruptedException e) {
                continue; // a task set our interrupt status; keep serving
            }
            beforeStart(r);
            synchronized (cancelLock) {
                if (!skip.isEmpty() && skip.remove(r.taskId)) {
                    sendSkipped(r.taskId);
                    continue;
                }
                running = r.taskId;
                Thread.interrupted();
            }
            try {
                runOne(r);
            } finally {
                synchronized (cancelLock) {
                    running = -1;
                    Thread.interrupted(); // an interrupt meant for this task must not reach the next
                }
            }
        }
    }

    /**
     * Before a task starts: every earlier reply is flushed if the task begins
     * a batch (so when this worker dies, the parent knows that no task after
     * the batch it was running had started), or if the oldest reply held back
     * has waited {@link #HOLD_BACK_NANOS}. Otherwise the replies stay in the
     * buffer and the heartbeat thread is asked to watch them, so a long task
     * in a batch does not hold back the replies before it.
     */
    private void beforeStart(Request r) {
        long since = output.unflushedSince();
        if (since == 0) {
            return;
        }
        if (!r.continuesBatch || System.nanoTime() - since > HOLD_BACK_NANOS) {
            output.flushReplies();
        } else {
            output.watch();
        }
    }

    /**
     * The next request: spins up to 50 µs for one before parking, since the
     * next request of a busy parent usually arrives within microseconds and
     * waking a parked thread costs more than that on many virtual machines.
     */
    private Request nextRequest() throws InterruptedException {
        Request r = requests.poll();
        if (r != null) {
            return r;
        }
        output.flushReplies(); // nothing to start next: the replies go now
        return requests.take();
    }

    private void runOne(Request r) {
        long start = System.nanoTime();
        Callable<?> task;
        try {
            task = r.type == Frames.RUN_WORKLOAD ? workloadTask(r.payload) : objectTask(r.payload);
        } catch (Throwable t) {
            sendFailure(r.taskId, System.nanoTime() - start, Frames.FAILED_TASK_UNREADABLE, t,
                    "the worker could not read the task: ");
            return;
        }
        Object value;
        try {
            value = task.call();
        } catch (Throwable t) {
            task = null;
            sendFailure(r.taskId, System.nanoTime() - start, Frames.FAILED_TASK, t, "");
            return;
        }
        long service = System.nanoTime() - start;
        tasksDone++;
        // serialized before taking the channel's lock, so a slow result never holds up a heartbeat
        try {
            outBuf.clear().putLong(r.taskId).putLong(service);
            WireValues.put(outBuf, value);
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            String what = "the task's result (a " + (value == null ? "null" : value.getClass().getName())
                    + ") could not be sent: ";
            value = null;
            outBuf.clear();
            sendFailure(r.taskId, service, Frames.FAILED_RESULT_UNSENDABLE, e, what);
            return;
        }
        try {
            output.writeReply(outBuf, Frames.RESULT);
        } catch (IOException e) {
            WorkerOutput.channelBroken(e);
        }
    }

    private Callable<?> workloadTask(FrameBuffer p) throws Exception {
        // a stream of tasks usually shares one workload: the same bytes up to the index bind the same source
        if (p.restMatches(lastBinding, 8)) {
            p.skip(lastBinding.length);
            long index = p.getLong();
            p.expectEnd();
            return lastSource.task(index);
        }
        byte[] binding = p.rest(8);
        String name = p.getString();
        int n = p.getInt();
        if (n < 0 || n > 1000) {
            throw new ProtocolException("bad parameter count " + n);
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String k = p.getString();
            params.put(k, p.getString());
        }
        long seed = p.getLong();
        long index = p.getLong();
        p.expectEnd();
        lastSource = WorkloadTask.resolve(new WorkloadSpec(name, params), seed);
        lastBinding = binding;
        return lastSource.task(index);
    }

    private Callable<?> objectTask(FrameBuffer p) throws Exception {
        byte[] data = p.getBlob();
        p.expectEnd();
        Object o = WireValues.deserialize(data, filter);
        if (!(o instanceof Callable<?> c)) {
            throw new IllegalArgumentException("the task object is a " + (o == null ? "null" : o.getClass().getName())
                    + ", not a java.util.concurrent.Callable");
        }
        return c;
    }

    private void sendFailure(long taskId, long service, int kind, Throwable t, String prefix) {
        String type = t.getClass().getName();
        String message = prefix + String.valueOf(t.getMessage());
        if (prefix.isEmpty()) {
            message = t.getMessage();
        }
        String trace = trace(t);
        tasksDone++;
        outBuf.clear().putLong(taskId).putLong(service).putByte(kind);
        try {
            RemoteFailures.write(outBuf, kind, t, message, trace);
        } catch (RuntimeException | Error e) {
            outBuf.clear().putLong(taskId).putLong(service).putByte(kind).putString(type).putString(message)
                    .putString(trace).putBlob(new byte[0]);
        }
        try {
            output.writeReply(outBuf, Frames.FAILURE);
        } catch (IOException | RuntimeException e) {
            WorkerOutput.channelBroken(e);
        }
    }

    /** Replies for a task cancelled before it started: it never ran. */
    private void sendSkipped(long taskId) {
        try {
            outBuf.clear().putLong(taskId).putLong(0).putByte(Frames.FAILED_SKIPPED);
            output.writeReply(outBuf, Frames.FAILURE);
        } catch (IOException | RuntimeException e) {
            WorkerOutput.channelBroken(e);
        }
    }

    static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        try {
            t.printStackTrace(new PrintWriter(w));
        } catch (Throwable ignored) {
            return t.toString();
        }
        String s = w.toString();
        return s.length() > MAX_TRACE ? s.substring(0, MAX_TRACE) + "\n\t... (trace truncated)" : s;
    }

}
