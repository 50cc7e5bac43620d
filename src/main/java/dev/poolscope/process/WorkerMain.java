package dev.poolscope.process;

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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
 * <li>{@code task} ({@link TaskRunner}): runs the requests one at a time, in
 *     arrival order, and writes their replies.</li>
 * <li>{@code heartbeat} ({@link Heartbeat}): writes figures every heartbeat
 *     interval, and flushes replies that a long task of a batch holds back.</li>
 * </ol>
 *
 * <p>Arguments: worker id, heartbeat interval in milliseconds, initializer
 * class name or {@code -}.
 */
public final class WorkerMain {
    /** System property set in every worker, so fault workloads can refuse to run anywhere else. */
    public static final String WORKER_PROPERTY = "poolscope.worker";

    private WorkerMain() {
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
        WorkerOutput output = new WorkerOutput(protocol);
        TaskRunner runner = new TaskRunner(output);
        try {
            if (initializer != null) {
                try {
                    Class.forName(initializer, true, WorkerMain.class.getClassLoader())
                            .getDeclaredConstructor().newInstance();
                } catch (Throwable t) {
                    output.send(Frames.INIT_FAILED, new FrameBuffer(512).putInt(Frames.MAGIC).putInt(Frames.VERSION).putString(
                            "worker initializer " + initializer + " failed: " + TaskRunner.trace(t)));
                    log.flush();
                    Runtime.getRuntime().halt(1);
                }
            }
            output.send(Frames.HELLO,
                    new FrameBuffer(32).putInt(Frames.MAGIC).putInt(Frames.VERSION).putLong(ProcessHandle.current().pid()));
            runner.start();
            // load the workload catalogue (about 100 ms of class loading) while the worker is idle,
            // rather than in its first workload task
            Thread warm = new Thread(WorkerMain::warmUp, "warm-up");
            warm.setDaemon(true);
            warm.setPriority(Thread.MIN_PRIORITY);
            warm.start();
            Thread beat = new Thread(new Heartbeat(output, runner::tasksDone, heartbeatMillis), "heartbeat");
            beat.setDaemon(true);
            output.watchedBy(beat);
            beat.start();
            readRequests(runner, new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16)));
        } catch (Throwable t) {
            log.println("worker: fatal: " + TaskRunner.trace(t));
            log.flush();
            Runtime.getRuntime().halt(70);
        }
    }

    /** The main thread's job: reads request frames, hands tasks to the runner and applies cancel marks. */
    private static void readRequests(TaskRunner runner, DataInputStream in) throws IOException {
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
                runner.cancel(b.getLong(), b.getByte() != 0);
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
            runner.submit(new TaskRunner.Request(id, type, copy, continues));
            b = new FrameBuffer(256);
        }
    }

    private static void warmUp() {
        try {
            WorkloadTask.resolve(WorkloadSpec.of("noop"), 0).task(0).call();
        } catch (Throwable t) {
            System.err.println("worker: warm-up failed (tasks will load what they need): " + t);
        }
    }

}
