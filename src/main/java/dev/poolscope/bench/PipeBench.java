package dev.poolscope.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The raw operating-system cost a process pool cannot beat: {@value PipeEcho#FRAME}-byte
 * frames between this JVM and a {@link PipeEcho} child over its standard input
 * and output, with the pool's threads and wake-up policy on both sides
 * ({@value #WAKEUP}): here a reader thread takes the echoes while the caller
 * spins up to {@value #SPIN_MICROS} µs for its answer before it parks, as a
 * caller of a process pool's {@code Future.get} does; in the child an echo
 * thread waits for frames the same way. One instance is one child; close it
 * to end the child.
 *
 * <ul>
 * <li>{@link #pingPong(int)}: write a frame, flush, wait for the echo; one at a time.</li>
 * <li>{@link #pipelined(int)}: this thread streams frames while the reader counts the echoes.</li>
 * </ul>
 */
public final class PipeBench implements AutoCloseable {
    /** The wake-up policy of both sides, as the bench JSON names it ({@code processRoundTrip.pipeWakeup}). */
    public static final String WAKEUP = "spin-then-park";
    /** How long a waiting side spins before it parks, in microseconds: the process pool's figure. */
    public static final int SPIN_MICROS = 50;

    private final Process process;
    private final OutputStream out;
    private final DataInputStream in;
    private final Thread reader;
    private volatile long received;
    private volatile Thread waiter;
    private volatile IOException failure;
    private double startupMillis;

    private PipeBench(Process process) {
        this.process = process;
        this.out = new BufferedOutputStream(process.getOutputStream(), 64 * 1024);
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 64 * 1024));
        this.reader = Thread.ofPlatform().name("pipe-bench-reader").daemon(true).unstarted(this::read);
    }

    /** Starts a child echo JVM and waits for its ready frame. */
    public static PipeBench start() throws IOException {
        long t0 = System.nanoTime();
        PipeBench b = new PipeBench(ChildJvm.start(List.of(), PipeEcho.class, List.of()));
        try {
            b.in.readFully(new byte[PipeEcho.FRAME]);
        } catch (IOException e) {
            b.close();
            throw new IOException("the echo child did not start: " + e.getMessage(), e);
        }
        b.startupMillis = (System.nanoTime() - t0) / 1e6;
        b.reader.start();
        return b;
    }

    private void read() {
        byte[] frame = new byte[PipeEcho.FRAME];
        try {
            while (true) {
                in.readFully(frame);
                received++; // this thread is the only writer
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        } catch (IOException e) {
            failure = e;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Waits until {@code count} echoes have arrived: spins up to {@value #SPIN_MICROS} µs, then parks. */
    private void awaitReceived(long count) throws IOException {
        long end = System.nanoTime() + SPIN_MICROS * 1000L;
        while (received < count && System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
        if (received < count) {
            waiter = Thread.currentThread();
            while (received < count && failure == null) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
            }
            waiter = null;
        }
        if (received < count) {
            throw new IOException("the echo child stopped answering", failure);
        }
    }

    /** Milliseconds from {@code ProcessBuilder.start()} to the child's ready frame. */
    public double startupMillis() {
        return startupMillis;
    }

    /** One round trip: writes a frame, flushes, waits for the echo. */
    public void roundTrip(byte[] frame) throws IOException {
        long want = received + 1;
        out.write(frame);
        out.flush();
        awaitReceived(want);
    }

    /** {@code n} single round trips; returns each one's nanoseconds. */
    public long[] pingPong(int n) throws IOException {
        byte[] frame = new byte[PipeEcho.FRAME];
        long[] rtt = new long[n];
        for (int i = 0; i < n; i++) {
            frame[0] = (byte) i;
            long t0 = System.nanoTime();
            roundTrip(frame);
            rtt[i] = System.nanoTime() - t0;
        }
        return rtt;
    }

    /** Streams {@code n} frames through the child; returns messages per second (both ways counted once). */
    public double pipelined(int n) throws IOException {
        byte[] frame = new byte[PipeEcho.FRAME];
        long want = received + n;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            frame[0] = (byte) i;
            out.write(frame);
        }
        out.flush();
        awaitReceived(want);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Ends the child: closes its input and waits up to 5 s before killing it. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the child is going anyway
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
