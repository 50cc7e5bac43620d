package dev.poolscope.process;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    /** The most replies handed over in one hold of the pool's lock. */
    private static final int MAX_REPLIES = 256;

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
        FrameInput buffered = c.input();
        DataInputStream in = new DataInputStream(buffered);
        FrameBuffer b = new FrameBuffer(256);
        List<TaskCodec.Reply> replies = new ArrayList<>();
        try {
            if (c.readHandshake(in)) {
                supervisor.ready(c);
                while (true) {
                    // the frames that arrived together are taken together: one hold of the pool's lock for their replies
                    do {
                        int type = b.readFrame(in, Frames.MAX_FRAME);
                        switch (type) {
                            case Frames.RESULT, Frames.FAILURE -> replies.add(codec.decode(type, b, c.slot.id, c.pid));
                            case Frames.HEARTBEAT -> c.heartbeat(b);
                            default -> throw new ProtocolException("unexpected frame type " + type);
                        }
                    } while (replies.size() < MAX_REPLIES && buffered.hasWholeFrame());
                    c.lastHeardNanos = System.nanoTime();
                    handOver(replies);
                }
            }
        } catch (ProtocolException e) {
            handOverQuietly(replies);
            c.kill("protocol error: " + e.getMessage());
        } catch (IOException e) {
            handOverQuietly(replies); // end of output: the worker is exiting or dead
        } catch (RuntimeException | Error e) {
            try {
                handOverQuietly(replies); // replies read before the error still count (handed-over ones are cleared)
            } catch (RuntimeException | Error again) {
                // the pool's own error: the worker's death settles what it held
            }
            c.kill("pool error while reading the worker: " + e);
        }
        supervisor.died(c, awaitExit(c));
    }

    /** Hands the replies read so far to the supervisor and forgets them. */
    private void handOver(List<TaskCodec.Reply> replies) throws ProtocolException {
        if (replies.isEmpty()) {
            return;
        }
        try {
            supervisor.replies(channel, replies);
        } finally {
            replies.clear();
        }
    }

    /** As {@link #handOver}, when the output has ended: every reply the worker wrote is counted before its death. */
    private void handOverQuietly(List<TaskCodec.Reply> replies) {
        try {
            handOver(replies);
        } catch (ProtocolException e) {
            channel.kill("protocol error: " + e.getMessage());
        }
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
