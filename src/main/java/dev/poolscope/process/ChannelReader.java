package dev.poolscope.process;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A worker channel's reader thread: the handshake, then every frame until the
 * worker's output ends, then the worker's death. Replies are decoded here,
 * outside the pool's lock; a reply whose value cannot be read fails only its
 * task, a malformed frame kills the worker.
 *
 * <p>A worker is dead when its process exits, even if its output does not end
 * (a task started a child process that inherited the worker's standard
 * output): once the process has exited the reader gives the output a moment
 * to end, then kills the worker's descendants and any other process that
 * still holds the worker's output pipe, which ends the output.
 */
final class ChannelReader implements Runnable {
    /** How long after the process exits its output may stay open before its descendants are killed. */
    private static final long EXIT_GRACE_MILLIS = 500;

    private final WorkerSupervisor supervisor;
    private final WorkerChannel channel;
    private final TaskCodec codec;

    ChannelReader(WorkerSupervisor supervisor, WorkerChannel channel, TaskCodec codec) {
        this.supervisor = supervisor;
        this.channel = channel;
        this.codec = codec;
    }

    @Override
    public void run() {
        WorkerChannel c = channel;
        Thread reader = Thread.currentThread();
        c.process.onExit().thenRun(() -> closeAfterExit(reader));
        DataInputStream in = c.input();
        FrameBuffer b = new FrameBuffer(256);
        try {
            if (c.readHandshake(in)) {
                supervisor.ready(c);
                while (true) {
                    int type = b.readFrame(in, Frames.MAX_FRAME);
                    c.lastHeardNanos = System.nanoTime();
                    switch (type) {
                        case Frames.RESULT, Frames.FAILURE -> supervisor.reply(c, codec.decode(type, b, c.slot.id, c.pid));
                        case Frames.HEARTBEAT -> c.heartbeat(b);
                        default -> throw new ProtocolException("unexpected frame type " + type);
                    }
                }
            }
        } catch (ProtocolException e) {
            c.kill("protocol error: " + e.getMessage());
        } catch (IOException e) {
            // end of output: the worker is exiting or dead
        } catch (RuntimeException | Error e) {
            c.kill("pool error while reading the worker: " + e);
        }
        supervisor.died(c, awaitExit(c));
    }

    /** The process exited: if its output is still open after a moment, a descendant holds it; kill them. */
    private void closeAfterExit(Thread reader) {
        try {
            reader.join(EXIT_GRACE_MILLIS);
        } catch (InterruptedException e) {
            return;
        }
        if (reader.isAlive()) {
            channel.killDescendants();
            channel.killPipeHolders();
        }
    }

    /** Waits for the process to exit (killing it if it closed its output but stays) and returns its exit code. */
    private static int awaitExit(WorkerChannel c) {
        int code;
        try {
            if (!c.process.waitFor(5, TimeUnit.SECONDS)) {
                c.kill("closed its output but did not exit");
                c.process.waitFor(10, TimeUnit.SECONDS);
            }
            code = c.process.isAlive() ? -1 : c.process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        c.killDescendants();
        WorkerReaper.remove(c.process);
        c.closeOutput();
        return code;
    }
}
