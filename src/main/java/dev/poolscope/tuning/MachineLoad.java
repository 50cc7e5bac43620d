package dev.poolscope.tuning;

import dev.poolscope.metrics.ProcessCpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the rest of the machine was during a measurement: CPU time used by
 * all processes (Linux {@code /proc/stat}) minus this JVM's own, in cores.
 * Approximate (jiffy resolution, 10 ms); {@link Double#NaN} where
 * {@code /proc/stat} is not available.
 *
 * <p>Use: {@link #start()} before a run, {@link Mark#otherCores()} after it.
 */
public final class MachineLoad {
    private static final Path STAT = Path.of("/proc/stat");
    private static final double JIFFY_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

    private MachineLoad() {
    }

    /** A starting point. */
    public record Mark(long wallNanos, long machineBusyNanos, long processCpuNanos) {
        /**
         * Cores kept busy by other processes since the mark, on average; NaN if unknown.
         */
        public double otherCores() {
            Mark now = start();
            return others(now, now.processCpuNanos - processCpuNanos);
        }

        /**
         * Cores kept busy since the mark by everything but a measured run that
         * used {@code runCpuNanos} of CPU (which may have been in another
         * process), on average; NaN if unknown.
         */
        public double otherCores(long runCpuNanos) {
            return others(start(), runCpuNanos);
        }

        private double others(Mark now, long ownNanos) {
            long wall = now.wallNanos - wallNanos;
            if (machineBusyNanos < 0 || now.machineBusyNanos < 0 || wall <= 0) {
                return Double.NaN;
            }
            double others = (now.machineBusyNanos - machineBusyNanos) - ownNanos;
            return Math.max(0, others / wall);
        }
    }

    /** Marks now. */
    public static Mark start() {
        return new Mark(System.nanoTime(), machineBusy(), ProcessCpu.nanos());
    }

    private static long machineBusy() {
        try {
            String first = Files.readAllLines(STAT).get(0); // cpu user nice system idle iowait irq softirq steal ...
            String[] f = first.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 5) {
                return -1;
            }
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // skip idle and iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return (long) (busy * JIFFY_NANOS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
