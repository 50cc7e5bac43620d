package dev.poolscope.tuning;

import java.util.List;

/**
 * One measured point of a sweep: a pool kind at a worker count, summarised over
 * its repetitions by medians (robust against one run disturbed by other load).
 *
 * @param pool the pool kind
 * @param workers the worker count
 * @param throughputPerSecond median throughput, tasks per second
 * @param p50Micros median of the runs' median latencies (end - submit), microseconds
 * @param p99Micros median of the runs' 99th-percentile latencies, microseconds
 * @param throughputs every repetition's throughput so far, in run order
 * @param failedTasks tasks that failed, were rejected or timed out, over all repetitions
 * @param backgroundCores median over the repetitions of the cores other processes kept busy
 *        during the run (see {@link MachineLoad}); NaN if unknown
 * @param coresUsed median over the repetitions of the CPU this JVM used per second of the run, in cores
 *        (worker processes of process pools not included)
 * @param cpuPerBusy median over the repetitions of this JVM's CPU time divided by the workers' busy time
 *        (mean service time x tasks run): near 1 for CPU-bound work that got the CPU it wanted, near 0
 *        for work that mostly waits
 */
public record SweepPoint(String pool, int workers, double throughputPerSecond, double p50Micros, double p99Micros,
                         List<Double> throughputs, long failedTasks, double backgroundCores, double coresUsed, double cpuPerBusy) {

    public SweepPoint {
        throughputs = List.copyOf(throughputs);
    }

    /** Repetitions measured so far. */
    public int repetitions() {
        return throughputs.size();
    }

    /**
     * The spread of the repetitions' throughputs: (max - min) / median, or 0
     * with fewer than two repetitions.
     */
    public double relativeSpread() {
        if (throughputs.size() < 2 || throughputPerSecond <= 0) {
            return 0;
        }
        double min = throughputs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = throughputs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return (max - min) / throughputPerSecond;
    }

    /** The median of some values (the mean of the middle two for an even count); 0 for none. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
