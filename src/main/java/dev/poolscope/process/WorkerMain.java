package dev.poolscope.process;

import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The main class of a worker process. It never loads JavaFX, and it keeps its
 * real standard output for protocol frames only: {@code System.out} is pointed
 * at standard error (the worker's log) before any task runs, so whatever a
 * task prints ends up in the log the parent keeps.
 *
 * <h2>Threads</h2>
 * <ol>
 * <li>main: reads request frames and queues them, and applies cancel marks;
 *     exits the JVM at end of input (the parent closed the channel or died).</li>
 * <li>{@code task}: runs queued requests one at a time, in arrival order, and
 *     writes each one's result or failure, flushed before the next task starts
 *     (so a crash never loses the reply of a finished task), except within a
 *     batch ({@link Frames#CONTINUES_BATCH}): there replies are flushed when
 *     no request is waiting, when the oldest has waited 200 µs, or before the
 *     next batch starts. Before it starts a task it checks for a cancel mark
 *     and skips a marked task.</li>
 * <li>{@code heartbeat}: writes figures every heartbeat interval, and flushes
 *     replies that a long task of a batch holds back for more than 1 ms.</li>
 * </ol>
 *
 * <p>Arguments: worker id, heartbeat interval in milliseconds, initializer
 * class name or {@code -}.
 */
public final class WorkerMain {
    /** System property set in every worker, so fault workloads can refuse to run anywhere else. */
    public static final String WORKER_PROPERTY = "poolscope.worker";
    private static final int MAX_TRACE = 32 * 1024;

    private record Request(long taskId, int type, FrameBuffer payload, boolean continuesBatch) {
    }

    /** The longest a reply held back within a batch waits before the next task starts without it: 200 µs. */
    private static final long HOLD_BACK_NANOS = 200_000;
    /** How often replies held back behind a long task are flushed by the heartbeat thread: every 1 ms. */
    private static final long FLUSH_EVERY_NANOS = 1_000_000;

    private final DataOutputStream out;
    private final FrameBuffer outBuf = new FrameBuffer(256);
    private final FrameBuffer beatBuf = new FrameBuffer(64);
    private final ObjectInputFilter filter = SerialFilter.create(List.of());
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile long tasksDone;
    /** Guards {@link #running} and {@link #skip}: a cancel mark and the start of a task never cross. */
    private final Object cancelLock = new Object();
    /** The id of the task running now, or -1. */
    private long running = -1;
    /** Ids of tasks cancelled before they started (the oldest dropped beyond a bound). */
    private final java.util.LinkedHashSet<Long> skip = new java.util.LinkedHashSet<>();
    private Thread taskThread;
    /** The task thread's last workload binding (its frame bytes before the index), reused while tasks share it. */
    private byte[] lastBinding;
    private TaskSource lastSource;
    private Thread beatThread;
    /** When the oldest reply written and not yet flushed was written, 0 if none; set under {@code out}'s lock. */
    private volatile long unflushedSince;
    /** True while the heartbeat thread looks for replies held back (it wakes every {@link #FLUSH_EVERY_NANOS}). */
    private volatile boolean watching;

    private WorkerMain(DataOutputStream out) {
        this.out = out;
    }

    /** Entry point of a worker process. */
    public static void main(String[] args) {
        System.setProperty(WORKER_PROPERTY, "true");
        PrintStream log = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        DataOutputStream protocol = new DataOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(log);
        System.setErr(log);
        // the protocol is read from the file descriptor itself; a task that reads System.in sees no input
        System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
        long heartbeatMillis = args.length > 1 ? Long.parseLong(args[1]) : 250;
        String initializer = args.length > 2 && !"-".equals(args[2]) ? args[2] : null;
        WorkerMain w = new WorkerMain(protocol);
        try {
            if (initializer != null) {
                try {
                    Class.forName(initializer, true, WorkerMain.class.getClassLoader())
                            .getDeclaredConstructor().newInstance();
                } catch (Throwable t) {
                    w.send(Frames.INIT_FAILED, new FrameBuffer(512).putInt(Frames.MAGIC).putInt(Frames.VERSION).putString(
                            "worker initializer " + initializer + " failed: " + trace(t)));
                    protocol.flush();
                    log.flush();
                    Runtime.getRuntime().halt(1);
                }
            }
            synchronized (protocol) {
                new FrameBuffer(32).putInt(Frames.MAGIC).putInt(Frames.VERSION).putLong(ProcessHandle.current().pid())
                        .writeFrame(protocol, Frames.HELLO);
                protocol.flush();
            }
            Thread tasks = new Thread(w::runTasks, "task");
            tasks.setDaemon(true);
            w.taskThread = tasks;
            tasks.start();
            // load the workload catalogue (about 100 ms of class loading) while the worker is idle,
            // rather than in its first workload task
            Thread warm = new Thread(WorkerMain::warmUp, "warm-up");
            warm.setDaemon(true);
            warm.setPriority(Thread.MIN_PRIORITY);
            warm.start();
            Thread beat = new Thread(() -> w.heartbeats(heartbeatMillis), "heartbeat");
            beat.setDaemon(true);
            w.beatThread = beat;
            beat.start();
            w.readRequests(new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16)));
        } catch (Throwable t) {
            log.println("worker: fatal: " + trace(t));
            log.flush();
            Runtime.getRuntime().halt(70);
        }
    }

    private void readRequests(DataInputStream in) throws IOException {
        FrameBuffer b = new FrameBuffer(256);
        while (true) {
            int type;
            try {
                type = b.readFrame(in, Frames.MAX_FRAME);
            } catch (EOFException e) {
                // the parent closed the channel (it only does so when we hold no task) or went away
                // System.exit rather than halt: lets the JVM write its class-data archive if asked to
                System.err.flush();
                System.exit(0);
                return;
            }
            if (type == Frames.CANCEL) {
                cancel(b.getLong(), b.getByte() != 0);
                b.expectEnd();
                continue;
            }
            boolean continues = (type & Frames.CONTINUES_BATCH) != 0;
            type &= ~Frames.CONTINUES_BATCH;
            if (type != Frames.RUN_WORKLOAD && type != Frames.RUN_OBJECT) {
                throw new ProtocolException("unexpected frame type " + type + " from the parent");
            }
            FrameBuffer copy = b;
            long id = copy.getLong();
            requests.add(new Request(id, type, copy, continues));
            b = new FrameBuffer(256);
        }
    }

    /** A cancel mark: interrupts the task if it runs now (when asked to), else marks it to be skipped. */
    private void cancel(long id, boolean interrupt) {
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

    private static void warmUp() {
        try {
            WorkloadTask.resolve(WorkloadSpec.of("noop"), 0).task(0).call();
        } catch (Throwable t) {
            System.err.println("worker: warm-up failed (tasks will load what they need): " + t);
        }
    }

    private void runTasks() {
        while (true) {
            Request r;
            try {
                r = nextRequest();
            } catch (InterruptedException e) {
                continue; // a task set our interrupt status; keep serving
            }
            beforeStart(r);
            synchronized (cancelLock) {
                if (skip.remove(r.taskId)) {
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
     * buffer and the heartbeat thread is told to watch them, so a long task
     * in a batch does not hold back the replies before it.
     */
    private void beforeStart(Request r) {
        long since = unflushedSince;
        if (since == 0) {
            return;
        }
        if (!r.continuesBatch || System.nanoTime() - since > HOLD_BACK_NANOS) {
            flushReplies();
        } else if (!watching) {
            watching = true;
            LockSupport.unpark(beatThread);
        }
    }

    /** Writes a reply frame without flushing it (see {@link #beforeStart}). */
    private void writeReply(FrameBuffer b, int type) throws IOException {
        synchronized (out) {
            b.writeFrame(out, type);
            if (unflushedSince == 0) {
                unflushedSince = System.nanoTime();
            }
        }
    }

    /** Flushes the replies written so far. */
    private void flushReplies() {
        synchronized (out) {
            if (unflushedSince == 0) {
                return;
            }
            try {
                out.flush();
            } catch (IOException e) {
                channelBroken(e);
            }
            unflushedSince = 0;
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
        flushReplies(); // nothing to start next: the replies go now
        long end = System.nanoTime() + 50_000;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
            r = requests.poll();
            if (r != null) {
                return r;
            }
        }
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
            writeReply(outBuf, Frames.RESULT);
        } catch (IOException e) {
            channelBroken(e);
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
            writeReply(outBuf, Frames.FAILURE);
        } catch (IOException | RuntimeException e) {
            channelBroken(e);
        }
    }

    /** Replies for a task cancelled before it started: it never ran. */
    private void sendSkipped(long taskId) {
        try {
            outBuf.clear().putLong(taskId).putLong(0).putByte(Frames.FAILED_SKIPPED);
            writeReply(outBuf, Frames.FAILURE);
        } catch (IOException | RuntimeException e) {
            channelBroken(e);
        }
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        try {
            t.printStackTrace(new PrintWriter(w));
        } catch (Throwable ignored) {
            return t.toString();
        }
        String s = w.toString();
        return s.length() > MAX_TRACE ? s.substring(0, MAX_TRACE) + "\n\t... (trace truncated)" : s;
    }

    /**
     * Writes a heartbeat every {@code millis}; meanwhile, while {@link #watching},
     * flushes replies held back longer than {@link #FLUSH_EVERY_NANOS}.
     */
    private void heartbeats(long millis) {
        Path status = Path.of("/proc/self/status");
        long next = System.nanoTime() + millis * 1_000_000;
        while (true) {
            long now = System.nanoTime();
            if (next - now > 0) {
                LockSupport.parkNanos(this, watching ? Math.min(next - now, FLUSH_EVERY_NANOS) : next - now);
                if (Thread.interrupted()) {
                    return;
                }
                if (watching) {
                    long since = unflushedSince;
                    if (since == 0) {
                        watching = false;
                        if (unflushedSince != 0) {
                            watching = true; // a reply written just now: the task thread saw us watching
                        }
                    } else if (System.nanoTime() - since >= FLUSH_EVERY_NANOS) {
                        flushReplies();
                    }
                }
                continue;
            }
            next = now + millis * 1_000_000;
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
            long rss = rss(status);
            Runtime rt = Runtime.getRuntime();
            long heap = rt.totalMemory() - rt.freeMemory();
            try {
                synchronized (out) {
                    beatBuf.clear().putLong(cpu).putLong(rss).putLong(heap).putLong(tasksDone).writeFrame(out, Frames.HEARTBEAT);
                    out.flush();
                    unflushedSince = 0;
                }
            } catch (IOException e) {
                channelBroken(e);
            }
        }
    }

    private static long rss(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private void send(int type, FrameBuffer b) throws IOException {
        synchronized (out) {
            b.writeFrame(out, type);
            out.flush();
        }
    }

    /** The parent stopped reading: nothing more can be reported, so leave. */
    private static void channelBroken(Throwable e) {
        System.err.println("worker: protocol channel broken (" + e + "); exiting");
        System.err.flush();
        Runtime.getRuntime().halt(71);
    }
}
