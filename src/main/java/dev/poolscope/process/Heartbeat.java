package dev.poolscope.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A worker process's heartbeat thread: every interval it writes the worker's
 * CPU time, resident memory, heap in use and tasks done; meanwhile, while its
 * output asks it to, it flushes replies held back behind a long task
 * ({@link WorkerOutput#flushHeldBack()}). A worker that misses heartbeats for
 * the pool's timeout is considered frozen.
 */
final class Heartbeat implements Runnable {
    private final WorkerOutput output;
    private final LongSupplier tasksDone;
    private final long intervalNanos;
    private final FrameBuffer buf = new FrameBuffer(64);

    /**
     * @param output where the heartbeats go
     * @param tasksDone the tasks this worker has finished so far
     * @param intervalMillis milliseconds between heartbeats
     */
    Heartbeat(WorkerOutput output, LongSupplier tasksDone, long intervalMillis) {
        this.output = output;
        this.tasksDone = tasksDone;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    /** Beats until interrupted. */
    @Override
    public void run() {
        Path status = Path.of("/proc/self/status");
        long next = System.nanoTime() + intervalNanos;
        while (true) {
            long now = System.nanoTime();
            if (next - now > 0) {
                LockSupport.parkNanos(this, output.watching()
                        ? Math.min(next - now, WorkerOutput.FLUSH_EVERY_NANOS) : next - now);
                if (Thread.interrupted()) {
                    return;
                }
                output.flushHeldBack();
                continue;
            }
            next = now + intervalNanos;
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
            long rss = rss(status);
            Runtime rt = Runtime.getRuntime();
            long heap = rt.totalMemory() - rt.freeMemory();
            try {
                output.beat(buf.clear().putLong(cpu).putLong(rss).putLong(heap).putLong(tasksDone.getAsLong()));
            } catch (IOException e) {
                WorkerOutput.channelBroken(e);
            }
        }
    }

    /** Resident memory in bytes from {@code /proc/self/status}, or -1. */
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
}
