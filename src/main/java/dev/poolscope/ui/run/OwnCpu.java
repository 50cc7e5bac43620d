package dev.poolscope.ui.run;

import dev.poolscope.metrics.ProcessCpu;

/**
 * The dashboard process's own CPU use as a share of the machine (all cores),
 * between successive readings. With runs in an engine host this is what
 * watching costs. Not thread-safe: read from one thread.
 */
public final class OwnCpu {
    private final int cores;
    private final java.util.function.LongSupplier cpuNanos;
    private final java.util.function.LongSupplier clock;
    private long lastCpu = -1;
    private long lastTime;

    /** This JVM on this machine. */
    public OwnCpu() {
        this(Runtime.getRuntime().availableProcessors(), ProcessCpu::nanos, System::nanoTime);
    }

    /** For tests: given core count, CPU reading and clock (both nanoseconds). */
    public OwnCpu(int cores, java.util.function.LongSupplier cpuNanos, java.util.function.LongSupplier clock) {
        this.cores = Math.max(1, cores);
        this.cpuNanos = cpuNanos;
        this.clock = clock;
    }

    /** Starts a new interval. */
    public void reset() {
        lastCpu = cpuNanos.getAsLong();
        lastTime = clock.getAsLong();
    }

    /**
     * The share of all cores this process used since the last reading (or
     * reset), 0..1, and starts the next interval; -1 if unknown.
     */
    public double sample() {
        long cpu = cpuNanos.getAsLong();
        long now = clock.getAsLong();
        double share = -1;
        if (lastCpu >= 0 && cpu >= 0 && now > lastTime) {
            share = Math.max(0, Math.min(1, (cpu - lastCpu) / (double) (now - lastTime) / cores));
        }
        lastCpu = cpu;
        lastTime = now;
        return share;
    }
}
