package dev.poolscope.process;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One worker process and its channel: the process, its streams, the frames
 * written to it and read from it, the handshake, and the life cycle of this
 * one incarnation of a worker slot.
 *
 * <h2>Life cycle</h2>
 * One state word, changed only by {@link #moveTo(Phase)}, which refuses a
 * move the diagram does not allow (so a late event never revives a worker):
 * <pre>
 *   STARTING --handshake--> READY --max tasks sent--> DRAINING
 *       |                     |  \                        |
 *       |                     |   +--drained, output closed--> CLOSING <--+
 *       +----------+----------+-------------+-------------+       |
 *                  v (kill: crash, timeout, freeze, request, protocol error)
 *               BROKEN ------------------------------------------> DEAD (its output ended)
 * </pre>
 * {@code DEAD} is reached from any state once the reader has seen the end of
 * the worker's output and the process has exited.
 *
 * <p>The pool's lock guards {@link #inFlight}, {@link #sent}, {@link #unflushed}
 * and {@link #headSince}; the phase and the figures are safe to read without it.
 * Frames reach the worker through its {@link ChannelWriter}, outside that lock.
 */
final class WorkerChannel {
    /** Where this worker process is in its life. */
    enum Phase {
        /** Started; no handshake yet. */
        STARTING,
        /** Handshake done; takes tasks. */
        READY,
        /** Sent its last task before recycling; runs what it holds, takes no more. */
        DRAINING,
        /** Holds no task; its input was closed so it exits. */
        CLOSING,
        /** Being killed; its reader settles what it held when the output ends. */
        BROKEN,
        /** Its output ended and its process exited; its tasks are settled. */
        DEAD;

        boolean canMoveTo(Phase next) {
            return switch (this) {
                case STARTING -> next == READY || next == BROKEN || next == DEAD;
                case READY -> next == DRAINING || next == CLOSING || next == BROKEN || next == DEAD;
                case DRAINING -> next == CLOSING || next == BROKEN || next == DEAD;
                case CLOSING -> next == BROKEN || next == DEAD;
                case BROKEN -> next == DEAD;
                case DEAD -> false;
            };
        }
    }

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(WorkerChannel.class, "phase", Phase.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final WorkerSlot slot;
    final Process process;
    final long pid;
    /** Writes frames to the worker's standard input, never under the pool's lock. */
    final ChannelWriter writer;
    final LogTail log;
    /** When the pool began to start this process (before {@code ProcessBuilder.start}). */
    final long spawnNanos;
    /** Tasks written to the worker and not yet answered, oldest (running) first. */
    final ArrayDeque<TaskCodec.EncodedTask> inFlight = new ArrayDeque<>();
    @SuppressWarnings("unused")
    private volatile Phase phase = Phase.STARTING;
    private volatile String killReason;
    volatile long lastHeardNanos;
    volatile long cpuNanos = -1;
    volatile long rssBytes = -1;
    /** Milliseconds from spawn to handshake; -1 until the handshake. */
    volatile double startupMillis = -1;
    long headSince;
    long sent;
    /** Frames written to the buffer but not yet flushed to the worker. */
    int unflushed;
    /** The first held task's end was already recorded (it timed out): its reply, if any, only removes it. */
    boolean headFinished;
    /** When the first held task was interrupted by {@code cancel(true)}, 0 if it was not. */
    long cancelSince;
    /** Descendant processes seen while the worker lived (a dead process's children are re-parented). */
    private final java.util.Set<ProcessHandle> descendants = java.util.concurrent.ConcurrentHashMap.newKeySet();

    WorkerChannel(WorkerSlot slot, Process process, long spawnNanos, int logLines) {
        this.slot = slot;
        this.spawnNanos = spawnNanos;
        this.lastHeardNanos = spawnNanos;
        this.process = process;
        this.pid = process.pid();
        this.log = new LogTail(logLines);
        this.writer = new ChannelWriter(process.getOutputStream(), "process-worker-" + slot.id + "-writer",
                e -> kill("could not write to the worker: " + e.getMessage()));
    }

    Phase phase() {
        return phase;
    }

    /** Moves to {@code next} if the life cycle allows it from the current phase; false (unchanged) otherwise. */
    boolean moveTo(Phase next) {
        while (true) {
            Phase cur = phase;
            if (!cur.canMoveTo(next)) {
                return false;
            }
            if (PHASE.compareAndSet(this, cur, next)) {
                return true;
            }
        }
    }

    /** True once the worker has completed its handshake (it may since have broken). */
    boolean handshaken() {
        return startupMillis >= 0;
    }

    /** True if it is being or was killed. */
    boolean broken() {
        return killReason != null;
    }

    /** Why it was killed, or null. */
    String killReason() {
        return killReason;
    }

    /** Marks the worker broken with this reason (the first one wins) and kills it, descendants first. */
    void kill(String reason) {
        markBroken(reason);
        destroyTree();
    }

    /** Marks the worker broken with this reason (the first one wins) without killing it yet. */
    void markBroken(String reason) {
        if (moveTo(Phase.BROKEN) || phase == Phase.BROKEN) {
            synchronized (this) {
                if (killReason == null) {
                    killReason = reason;
                }
            }
        }
    }

    /**
     * Kills the process and every descendant it has or had. The signal goes
     * through the process handle: {@code Process.destroyForcibly} would also
     * close the worker's output, losing replies it wrote before it died.
     */
    void destroyTree() {
        recordDescendants();
        process.toHandle().destroyForcibly();
        killDescendants();
    }

    /** Notes the worker's current descendants, so they can be killed after it dies. */
    void recordDescendants() {
        if (process.isAlive()) {
            process.descendants().forEach(descendants::add);
        }
    }

    /** The worker's standard output as the kernel names it ({@code pipe:[inode]}), or null if unknown. */
    private volatile String outputPipe;

    /** Notes which pipe the worker writes its frames to (Linux), so a process that inherited it can be found. */
    void recordOutputPipe() {
        try {
            outputPipe = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc", Long.toString(pid), "fd", "1"))
                    .toString();
        } catch (IOException | RuntimeException e) {
            outputPipe = null; // no /proc: descendants recorded while the worker lived are all we know
        }
    }

    /**
     * Kills every process other than this JVM that still holds the worker's
     * output pipe open (a task's child that inherited it and outlived the worker).
     */
    void killPipeHolders() {
        String pipe = outputPipe;
        if (pipe == null || !pipe.startsWith("pipe:")) {
            return;
        }
        long self = ProcessHandle.current().pid();
        try (var procs = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc"), "[0-9]*")) {
            for (java.nio.file.Path proc : procs) {
                long other = Long.parseLong(proc.getFileName().toString());
                if (other != self && holds(proc, pipe)) {
                    ProcessHandle.of(other).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static boolean holds(java.nio.file.Path proc, String pipe) {
        try (var fds = java.nio.file.Files.newDirectoryStream(proc.resolve("fd"))) {
            for (java.nio.file.Path fd : fds) {
                try {
                    if (pipe.equals(java.nio.file.Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // not ours to read, or gone
        }
        return false;
    }

    /** Kills every descendant seen while the worker lived, and any it has now. */
    void killDescendants() {
        recordDescendants();
        for (ProcessHandle h : descendants) {
            h.destroyForcibly();
        }
    }

    /** The reader's input: the worker's standard output. */
    FrameInput input() {
        return new FrameInput(process.getInputStream(), 1 << 16);
    }

    /**
     * Reads up to the handshake. Both {@link Frames#HELLO} and
     * {@link Frames#INIT_FAILED} carry the magic first, so this scans for it;
     * bytes before the frame (a JVM printing to standard output) go to the
     * log. Returns false if the worker reported that its initializer failed
     * (the channel is then broken with that reason).
     *
     * @throws EOFException if the output ends first
     * @throws ProtocolException if the handshake is malformed
     */
    boolean readHandshake(DataInputStream in) throws IOException {
        // bytes reach the log 9 behind the input, so the frame header is never logged
        byte[] lag = new byte[9];
        int n = 0;
        long window = 0; // the last 9 bytes: length (4), type (1), magic (4)
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                for (int i = Math.max(0, n - 9); i < n; i++) {
                    logByte(line, lag[i % 9]);
                }
                if (!line.isEmpty()) {
                    log.add(line.toString());
                }
                throw new EOFException();
            }
            if (n >= 9) {
                logByte(line, lag[n % 9]);
            }
            lag[n % 9] = (byte) c;
            window = (window << 8) | c;
            n++;
            if (n >= 9 && (int) window == Frames.MAGIC) {
                break;
            }
        }
        if (!line.isEmpty()) {
            log.add(line.toString());
        }
        int type = (int) (window >>> 32) & 0xff;
        int version = in.readInt();
        if (version != Frames.VERSION) {
            throw new ProtocolException("worker speaks protocol version " + version + ", expected " + Frames.VERSION);
        }
        if (type == Frames.INIT_FAILED) {
            int len = in.readInt();
            if (len < 0 || len > (1 << 20)) {
                throw new ProtocolException("bad initializer error length " + len);
            }
            byte[] text = new byte[len];
            in.readFully(text);
            for (String l : new String(text, StandardCharsets.UTF_8).split("\n")) {
                log.add(l);
            }
            kill("its initializer failed");
            return false;
        }
        if (type != Frames.HELLO) {
            throw new ProtocolException("expected a handshake, got frame type " + type);
        }
        long hello = in.readLong();
        if (hello != pid) {
            throw new ProtocolException("handshake names pid " + hello + " but the process is " + pid);
        }
        long now = System.nanoTime();
        lastHeardNanos = now;
        startupMillis = (now - spawnNanos) / 1e6;
        recordOutputPipe();
        return true;
    }

    /** One byte a worker wrote to standard output before its handshake: goes to its log, a line at a time. */
    private void logByte(StringBuilder line, byte b) {
        char c = (char) (b & 0xff);
        if (c == '\n') {
            log.add(line.toString());
            line.setLength(0);
        } else if (line.length() < LogTail.MAX_LINE) {
            line.append(c >= 0x20 && c < 0x7f || c == '\t' ? c : '?');
        }
    }

    /** Reads a heartbeat frame's figures. */
    void heartbeat(FrameBuffer b) throws ProtocolException {
        long cpu = b.getLong();
        long rss = b.getLong();
        b.getLong(); // heap used: not shown yet
        b.getLong(); // tasks done, as the worker counts them
        b.expectEnd();
        cpuNanos = cpu;
        rssBytes = rss;
        slot.recorder.setProcessFigures(pid, cpu, rss, startupMillis);
    }

    /** Stops writing to the worker (it has exited) and closes its input. */
    void closeOutput() {
        writer.stop();
    }

    @Override
    public String toString() {
        return "worker " + slot.id + " (pid " + pid + ", " + phase + ")";
    }
}
