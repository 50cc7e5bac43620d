package dev.poolscope.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw operating-system cost a process pool cannot beat: {@value PipeEcho#FRAME}-byte
 * frames between this JVM and a {@link PipeEcho} child over its standard input
 * and output. One instance is one child; close it to end the child.
 *
 * <ul>
 * <li>{@link #pingPong(int)}: write a frame, flush, read the echo; one at a time.</li>
 * <li>{@link #pipelined(int)}: a writer thread streams frames while this thread reads the echoes.</li>
 * </ul>
 */
public final class PipeBench implements AutoCloseable {
    private final Process process;
    private final OutputStream out;
    private final DataInputStream in;
    private double startupMillis;

    private PipeBench(Process process) {
        this.process = process;
        this.out = new BufferedOutputStream(process.getOutputStream(), 64 * 1024);
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 64 * 1024));
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
        return b;
    }

    /** Milliseconds from {@code ProcessBuilder.start()} to the child's ready frame. */
    public double startupMillis() {
        return startupMillis;
    }

    /** One round trip: writes a frame, flushes, reads the echo. */
    public void roundTrip(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
        in.readFully(frame);
    }

    /** {@code n} single round trips; returns each one's nanoseconds. */
    public long[] pingPong(int n) throws IOException {
        byte[] frame = new byte[PipeEcho.FRAME];
        long[] rtt = new long[n];
        for (int i = 0; i < n; i++) {
            frame[0] = (byte) i;
            long t0 = System.nanoTime();
            out.write(frame);
            out.flush();
            in.readFully(frame);
            rtt[i] = System.nanoTime() - t0;
        }
        return rtt;
    }

    /** Streams {@code n} frames through the child; returns messages per second (both ways counted once). */
    public double pipelined(int n) throws IOException, InterruptedException {
        byte[] frame = new byte[PipeEcho.FRAME];
        IOException[] failure = new IOException[1];
        Thread writer = Thread.ofPlatform().name("pipe-bench-writer").daemon(true).unstarted(() -> {
            byte[] f = new byte[PipeEcho.FRAME];
            try {
                for (int i = 0; i < n; i++) {
                    f[0] = (byte) i;
                    out.write(f);
                }
                out.flush();
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        long t0 = System.nanoTime();
        writer.start();
        for (int i = 0; i < n; i++) {
            in.readFully(frame);
        }
        long wall = System.nanoTime() - t0;
        writer.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return n / (wall / 1e9);
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
