package dev.poolscope.process;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker process's protocol output: its real standard output, shared by the
 * task thread (replies), the heartbeat thread (figures) and the handshake.
 * Every frame is written whole under this output's lock, and no frame is
 * serialized under it, so a slow result never holds up a heartbeat.
 *
 * <h2>Held-back replies</h2>
 * Replies written with {@link #writeReply} stay in the buffer until
 * {@link #flushReplies()}; the task thread flushes them before a batch starts
 * or when nothing is waiting to run. While a long task of a batch runs, the
 * heartbeat thread, once asked to {@link #watch()}, flushes replies held back
 * longer than {@value #FLUSH_EVERY_NANOS} ns ({@link #flushHeldBack()}).
 */
final class WorkerOutput {
    /** How often replies held back behind a long task are flushed by the heartbeat thread: every 1 ms. */
    static final long FLUSH_EVERY_NANOS = 1_000_000;

    private final DataOutputStream out;
    /** When the oldest reply written and not yet flushed was written, 0 if none; set under {@link #out}'s lock. */
    private volatile long unflushedSince;
    /** True while the heartbeat thread looks for held-back replies. */
    private volatile boolean watching;
    private volatile Thread watcher;

    /** @param out the protocol stream (buffered) */
    WorkerOutput(DataOutputStream out) {
        this.out = out;
    }

    /** The thread {@link #watch()} wakes: the heartbeat thread. */
    void watchedBy(Thread heartbeat) {
        watcher = heartbeat;
    }

    /** Writes a frame and flushes it. */
    void send(int type, FrameBuffer b) throws IOException {
        synchronized (out) {
            b.writeFrame(out, type);
            out.flush();
        }
    }

    /** Writes a heartbeat frame and flushes it, with every reply written before it. */
    void beat(FrameBuffer b) throws IOException {
        synchronized (out) {
            send(Frames.HEARTBEAT, b);
            unflushedSince = 0;
        }
    }

    /** Writes a reply frame without flushing it. */
    void writeReply(FrameBuffer b, int type) throws IOException {
        synchronized (out) {
            b.writeFrame(out, type);
            if (unflushedSince == 0) {
                unflushedSince = System.nanoTime();
            }
        }
    }

    /** When the oldest reply not yet flushed was written ({@link System#nanoTime()}), 0 if none. */
    long unflushedSince() {
        return unflushedSince;
    }

    /** Flushes the replies written so far; leaves the JVM if the parent stopped reading. */
    void flushReplies() {
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

    /** Asks the heartbeat thread to flush replies that stay held back (see the class comment). */
    void watch() {
        if (!watching) {
            watching = true;
            LockSupport.unpark(watcher);
        }
    }

    /** True while the heartbeat thread is asked to look for held-back replies. */
    boolean watching() {
        return watching;
    }

    /**
     * The heartbeat thread's look at held-back replies: flushes them if the
     * oldest has waited {@value #FLUSH_EVERY_NANOS} ns; stops watching once
     * none is held back.
     */
    void flushHeldBack() {
        if (!watching) {
            return;
        }
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

    /** The parent stopped reading: nothing more can be reported, so leave. */
    static void channelBroken(Throwable e) {
        System.err.println("worker: protocol channel broken (" + e + "); exiting");
        System.err.flush();
        Runtime.getRuntime().halt(71);
    }
}
