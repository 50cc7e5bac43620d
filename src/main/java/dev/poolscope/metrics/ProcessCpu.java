package dev.poolscope.metrics;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this JVM has used, all threads together, from the platform's
 * {@code OperatingSystemMXBean}. The one place the engine, the sampler, the
 * tuner and the benchmarks read it from.
 */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** CPU time used by this process so far, in nanoseconds, or -1 where the platform does not say. */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
