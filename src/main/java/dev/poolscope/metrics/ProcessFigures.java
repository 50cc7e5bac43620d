package dev.poolscope.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The CPU time and resident memory of another live process, as the operating
 * system counts them at this moment: CPU from {@link ProcessHandle.Info#totalCpuDuration()},
 * resident memory from {@code /proc/PID/status} ({@code VmRSS}) where the
 * platform has it. Read by the {@link MetricsSampler} for worker processes, so
 * a worker's figures are known whether or not it reports them itself.
 */
public final class ProcessFigures {
    private ProcessFigures() {
    }

    /**
     * One reading.
     *
     * @param cpuNanos CPU time the process has used, or -1 where the platform does not say
     * @param rssBytes its resident memory, or -1 where the platform does not say
     */
    public record Reading(long cpuNanos, long rssBytes) {
    }

    /** Reads the process now; empty if it has exited (or was never there). */
    public static Optional<Reading> read(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return Optional.empty();
        }
        long cpu = h.get().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        long rss = rss(pid);
        if (rss == 0) {
            return Optional.empty(); // a process that has exited but not been reaped yet has no memory left
        }
        if (cpu < 0 && rss < 0) {
            return Optional.empty();
        }
        return Optional.of(new Reading(cpu, rss));
    }

    /** Resident memory from {@code /proc/PID/status}: bytes, 0 if the process has none (exited), -1 if unknown. */
    static long rss(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
            return Files.exists(status) ? 0 : -1; // a zombie's status has no VmRSS line
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
