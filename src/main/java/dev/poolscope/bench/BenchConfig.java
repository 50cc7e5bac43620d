package dev.poolscope.bench;

/**
 * How much work each section of {@code poolscope bench} does. Three presets:
 * {@link #full()} (under ten minutes on 2 cores), {@link #quick()} (under a
 * minute) and {@link #tiny()} (seconds, for tests: the figures it gives are
 * not meaningful, only their shape).
 *
 * @param mode the preset's name, reported in the output
 * @param rounds interleaved rounds per comparison (A,B,A,B...; medians are reported)
 * @param noopTasks no-op tasks per overhead trial
 * @param spinTasks 10 µs CPU tasks per overhead trial
 * @param spinNanos length of a "10 µs" CPU task
 * @param pingPongs round trips per ping-pong trial (raw pipe and process pool)
 * @param pipelined messages per pipelined trial (raw pipe and process pool)
 * @param startups worker starts measured
 * @param cpuSize {@code cpu} workload size for scaling (primes below this)
 * @param cpuTasks tasks per scaling trial on one worker
 * @param mapItems items of the chunked-map comparison with Python
 * @param pythonCpuSize CPU task size for the Python comparison (same algorithm in both)
 * @param pythonCpuTasks CPU tasks for the Python comparison
 * @param pythonNoopTasks no-op tasks for Python's per-task runners
 * @param heapTasks tasks of the heap check run
 */
public record BenchConfig(String mode, int rounds, int noopTasks, int spinTasks, long spinNanos, int pingPongs,
                          int pipelined, int startups, int cpuSize, int cpuTasks, int mapItems, int pythonCpuSize,
                          int pythonCpuTasks, int pythonNoopTasks, long heapTasks) {

    /** The full run: under ten minutes on 2 cores. */
    public static BenchConfig full() {
        return new BenchConfig("full", 5, 500_000, 100_000, 10_000, 5_000, 200_000, 8, 200_000, 100,
                100_000, 20_000, 200, 100_000, 10_000_000);
    }

    /** The quick run: under a minute on 2 cores. */
    public static BenchConfig quick() {
        return new BenchConfig("quick", 3, 200_000, 20_000, 10_000, 1_000, 50_000, 3, 100_000, 40,
                100_000, 20_000, 40, 10_000, 1_000_000);
    }

    /** Tiny sizes for tests: checks the plumbing, measures nothing worth reading. */
    public static BenchConfig tiny() {
        return new BenchConfig("tiny", 1, 2_000, 200, 10_000, 50, 2_000, 1, 5_000, 4,
                2_000, 2_000, 4, 500, 20_000);
    }
}
