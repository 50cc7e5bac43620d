package dev.poolscope.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The child side of the raw pipe benchmark: a JVM that echoes fixed-size
 * frames from its standard input to its standard output, over the channel a
 * process pool's worker uses and with a worker's threads and wake-up policy,
 * with nothing else in the way.
 *
 * <p>Protocol: on start it writes one {@value #FRAME}-byte ready frame holding
 * its PID; then its main thread reads frame after frame and hands each to an
 * echo thread, which waits for the next one by spinning up to
 * {@value PipeBench#SPIN_MICROS} µs before it parks (as a worker's task thread
 * waits for its next task), writes it back, and flushes whenever no more
 * frames are waiting (so a single round trip is not delayed and pipelined
 * frames leave in large writes). Each message is handled on its own, as a
 * worker handles each task, so the pipelined figure is a message rate, not a
 * byte copy. It exits when its input ends.
 *
 * <p>Standard output is this process's data channel, not a console, which is why
 * a main class outside the command-line package writes to it.
 */
public final class PipeEcho {
    /** Bytes per frame. */
    public static final int FRAME = 16;
    private static final byte[] END = new byte[0];

    private PipeEcho() {
    }

    /** Echoes frames until standard input ends. */
    public static void main(String[] args) throws IOException, InterruptedException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 * 1024));
        BufferedOutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
        out.write(ByteBuffer.allocate(FRAME).putLong(ProcessHandle.current().pid()).putLong(0).array());
        out.flush();
        LinkedBlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
        Thread echo = new Thread(() -> echo(frames, out), "echo");
        echo.start();
        while (true) {
            byte[] frame = new byte[FRAME];
            try {
                in.readFully(frame);
            } catch (EOFException end) {
                frames.add(END);
                echo.join();
                return;
            }
            frames.add(frame);
        }
    }

    private static void echo(LinkedBlockingQueue<byte[]> frames, BufferedOutputStream out) {
        try {
            while (true) {
                byte[] frame = next(frames);
                if (frame == END) {
                    out.flush();
                    return;
                }
                out.write(frame);
                if (frames.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            Runtime.getRuntime().halt(1);
        }
    }

    /** The next frame: spins up to {@value PipeBench#SPIN_MICROS} µs for one, then parks. */
    private static byte[] next(LinkedBlockingQueue<byte[]> frames) throws InterruptedException {
        byte[] f = frames.poll();
        if (f != null) {
            return f;
        }
        long end = System.nanoTime() + PipeBench.SPIN_MICROS * 1000L;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
            f = frames.poll();
            if (f != null) {
                return f;
            }
        }
        return frames.take();
    }
}
