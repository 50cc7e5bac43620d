package dev.poolscope.process;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The writing side of one worker's channel. Frames are queued in an outbox
 * under the pool's lock, in the order the supervisor decided, and reach the
 * worker's pipe outside that lock, so a worker that stops reading (stopped by
 * a signal, in a long GC) never holds up a thread that needs the pool's lock.
 *
 * <h2>Who writes</h2>
 * After releasing the pool's lock, the thread that queued a frame calls
 * {@link #kick()}, which writes queued frames itself as long as they cannot
 * block: as long as the bytes the worker has not provably read, plus the
 * frame, fit well inside a pipe's buffer ({@value #INLINE_LIMIT} bytes; a
 * Linux pipe holds 64 KiB). The worker has provably read every byte up to the
 * end of the last task it answered. A frame that might block is handed to
 * this channel's writer thread (started when first needed), which writes
 * everything queued until the outbox is empty; only that thread ever blocks
 * on the pipe. One write lock keeps frames whole and in order.
 *
 * <h2>Batches</h2>
 * A task queued with {@code joinBatch} continues the batch of the task frame
 * written before it, unless a flush came between them or the batch already
 * has {@value #MAX_BATCH} tasks; its frame then carries
 * {@link Frames#CONTINUES_BATCH}. The writer remembers the batch of every
 * task frame the worker has not answered, so when the worker dies
 * {@link #possiblyStarted()} says how many of them may have started.
 *
 * <p>A write error (the worker is gone) is reported once to the error handler
 * and the rest of the outbox is dropped: the channel's reader settles the
 * worker's tasks when its output ends.
 */
final class ChannelWriter {
    /** The most bytes that may sit unread in the pipe and buffers for a caller to write in place. */
    static final int INLINE_LIMIT = 16 * 1024;
    /** The most tasks in one batch (see {@link Frames#CONTINUES_BATCH}). */
    static final int MAX_BATCH = 64;
    private static final Object FLUSH = new Object();
    /** Ends the batch being written without flushing: the next task starts a new one. */
    private static final Object BREAK = new Object();
    private static final Object CLOSE = new Object();

    private final DataOutputStream out;
    private final String threadName;
    private final Consumer<IOException> onError;
    private final ReentrantLock io = new ReentrantLock();
    /** Frames and marks not yet written; guarded by this. */
    private final ArrayDeque<Object> outbox = new ArrayDeque<>();
    /** The stream offset at the end of each task frame written and not yet answered; guarded by this. */
    private long[] taskEnds = new long[16];
    /** The batch of each task frame in {@link #taskEnds}, same positions; guarded by this. */
    private long[] taskBatches = new long[16];
    private int endsHead;
    private int endsSize;
    /** The batch the last task frame was written in, and how many tasks it has; guarded by {@link #io}. */
    private long batch;
    private int batchLength;
    /** True if the next task frame may continue {@link #batch}; guarded by {@link #io}. */
    private boolean batchOpen;
    /** Bytes written to the stream; guarded by {@link #io}, read under this. */
    private volatile long written;
    /** Bytes the worker has provably read (up to the end of the last task it answered). */
    private volatile long consumed;
    /** True while the writer thread, not the callers, writes the outbox; guarded by this. */
    private boolean delegated;
    private boolean stopped;
    private boolean failed;
    private Thread thread;
    /** {@link #kick()} as a task, for the pool's after-the-lock lists. */
    final Runnable kicker = this::kick;

    /**
     * @param pipe the worker's standard input
     * @param threadName the name of the writer thread, if one is needed
     * @param onError told once when a write fails
     */
    ChannelWriter(OutputStream pipe, String threadName, Consumer<IOException> onError) {
        this.out = new DataOutputStream(new BufferedOutputStream(pipe, 1 << 16));
        this.threadName = threadName;
        this.onError = onError;
    }

    // ------------------------------------------------------------------ queueing (any thread, usually under the pool's lock)

    /**
     * Queues a task frame; true if the outbox was empty, so the caller must {@link #kick()} after its lock.
     *
     * @param joinBatch true if the task may continue the batch of the task queued before it (up to
     *        {@value #MAX_BATCH} tasks, none flushed in between); false starts a batch with it
     */
    synchronized boolean send(TaskCodec.EncodedTask task, boolean joinBatch) {
        boolean first = joinBatch ? false : add(BREAK);
        return add(task) || first;
    }

    /** Queues a cancel mark for a held task, flushed at once; true if the caller must {@link #kick()}. */
    synchronized boolean cancel(long taskId, boolean interrupt) {
        byte[] frame = new byte[4 + 1 + 8 + 1];
        FrameBuffer.putInt(frame, 0, 1 + 8 + 1);
        frame[4] = (byte) Frames.CANCEL;
        FrameBuffer.putLong(frame, 5, taskId);
        frame[13] = (byte) (interrupt ? 1 : 0);
        boolean first = add(frame);
        add(FLUSH);
        return first;
    }

    /** Queues a flush of what was queued before; true if the caller must {@link #kick()}. */
    synchronized boolean flush() {
        return add(FLUSH);
    }

    /** Queues the end of the worker's input (it exits once idle); true if the caller must {@link #kick()}. */
    synchronized boolean close() {
        return add(CLOSE);
    }

    private boolean add(Object item) {
        if (stopped) {
            return false;
        }
        boolean first = outbox.isEmpty();
        outbox.addLast(item);
        if (delegated) {
            notifyAll();
            return false;
        }
        return first;
    }

    /** The worker answered its oldest held task: it has read every byte up to that task's frame end. */
    synchronized void answered() {
        if (endsSize > 0) {
            consumed = taskEnds[endsHead];
            endsHead = (endsHead + 1) % taskEnds.length;
            endsSize--;
        }
    }

    /**
     * How many of the oldest task frames written and not yet answered may
     * have started in the worker: those of the oldest such frame's batch (the
     * worker flushes every earlier reply before it starts a batch, so a task
     * of a later batch cannot have started while one of these is unanswered).
     * The rest provably never started. 0 if none is written.
     */
    synchronized int possiblyStarted() {
        if (endsSize == 0) {
            return 0;
        }
        long first = taskBatches[endsHead];
        int n = 0;
        while (n < endsSize && taskBatches[(endsHead + n) % taskBatches.length] == first) {
            n++;
        }
        return n;
    }

    /** Stops writing (the worker exited): drops what is queued, ends the writer thread, closes the stream. */
    void stop() {
        synchronized (this) {
            stopped = true;
            outbox.clear();
            notifyAll();
        }
        if (io.tryLock()) {
            try {
                closeQuietly();
            } finally {
                io.unlock();
            }
        }
    }

    // ------------------------------------------------------------------ writing (never under the pool's lock)

    /**
     * Writes what is queued, in place while that cannot block, else hands the
     * rest to the writer thread. Call without holding the pool's lock.
     */
    void kick() {
        while (true) {
            synchronized (this) {
                if (outbox.isEmpty()) {
                    return;
                }
                if (delegated) {
                    notifyAll();
                    return;
                }
            }
            if (!io.tryLock()) {
                return; // the holder looks at the outbox again after it unlocks
            }
            try {
                writeInPlace();
            } finally {
                io.unlock();
            }
        }
    }

    /** Holding {@link #io}: writes queued items while they cannot block; hands over at the first that might. */
    private void writeInPlace() {
        while (true) {
            Object item;
            synchronized (this) {
                item = outbox.peekFirst();
                if (item == null) {
                    return;
                }
                if (!failed && !stopped && written - consumed + bytes(item) > INLINE_LIMIT) {
                    delegated = true;
                    if (thread == null) {
                        thread = WorkerSupervisor.daemon(this::writeDelegated, threadName);
                        thread.start();
                    }
                    notifyAll();
                    return;
                }
                outbox.pollFirst();
            }
            write(item);
        }
    }

    private static int bytes(Object item) {
        if (item instanceof TaskCodec.EncodedTask t) {
            return t.frameBytes();
        }
        return item instanceof byte[] b ? b.length : 0;
    }

    /** The writer thread: writes the whole outbox whenever the callers hand it over. */
    private void writeDelegated() {
        while (true) {
            synchronized (this) {
                while (!stopped && !(delegated && !outbox.isEmpty())) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // only stop() ends this thread
                    }
                }
                if (stopped) {
                    break;
                }
            }
            io.lock();
            try {
                while (true) {
                    Object item;
                    synchronized (this) {
                        item = outbox.pollFirst();
                        if (item == null) {
                            delegated = false; // callers write in place again
                            break;
                        }
                    }
                    write(item);
                }
            } finally {
                io.unlock();
            }
            kick(); // anything queued while handing back
        }
        io.lock();
        try {
            closeQuietly();
        } finally {
            io.unlock();
        }
    }

    /** Holding {@link #io}: writes one item; after a failure, drops it. */
    private void write(Object item) {
        if (failed) {
            return;
        }
        try {
            if (item instanceof TaskCodec.EncodedTask t) {
                boolean continues = batchOpen && batchLength < MAX_BATCH;
                if (!continues) {
                    batch++;
                    batchLength = 0;
                }
                batchLength++;
                batchOpen = true;
                // recorded before the bytes go out: a full buffer may pass the frame on at once, and the
                // worker's answer must find it here
                record(written + t.frameBytes(), batch);
                t.writeTo(out, continues);
            } else if (item instanceof byte[] frame) {
                out.write(frame);
                written += frame.length;
            } else if (item == BREAK) {
                batchOpen = false;
            } else if (item == FLUSH) {
                batchOpen = false;
                out.flush();
            } else if (item == CLOSE) {
                failed = true; // nothing more may be written
                out.close();
            }
        } catch (IOException e) {
            failed = true;
            onError.accept(e);
        }
    }

    /** Holding {@link #io}: notes a task frame's end offset and batch, until the worker answers it. */
    private synchronized void record(long end, long batchId) {
        if (endsSize == taskEnds.length) {
            long[] ends = new long[taskEnds.length * 2];
            long[] batches = new long[taskEnds.length * 2];
            for (int i = 0; i < endsSize; i++) {
                ends[i] = taskEnds[(endsHead + i) % taskEnds.length];
                batches[i] = taskBatches[(endsHead + i) % taskEnds.length];
            }
            taskEnds = ends;
            taskBatches = batches;
            endsHead = 0;
        }
        int at = (endsHead + endsSize) % taskEnds.length;
        taskEnds[at] = end;
        taskBatches[at] = batchId;
        endsSize++;
        written = end;
    }

    private void closeQuietly() {
        failed = true;
        try {
            out.close();
        } catch (IOException e) {
            // the worker is gone already
        }
    }
}
