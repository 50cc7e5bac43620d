package dev.poolscope.attach;

/**
 * One sample of one watched pool, in the shape of a run's samples; a figure the probe cannot see is null.
 *
 * @param elapsedMillis time since the watch began
 * @param poolSize worker threads
 * @param queueDepth tasks waiting
 * @param activeWorkers workers running a task
 * @param completed tasks completed since the watch began
 * @param throughputPerSecond tasks completed per second over the interval
 * @param p50Micros interval median service time
 * @param p90Micros interval 90th-percentile service time
 * @param p99Micros interval 99th-percentile service time
 * @param cpuFraction the target's CPU use as a fraction of all cores, or null
 */
public record WatchPoint(long elapsedMillis, Integer poolSize, Long queueDepth, Integer activeWorkers, Long completed,
                         Double throughputPerSecond, Double p50Micros, Double p90Micros, Double p99Micros,
                         Double cpuFraction) {
}
