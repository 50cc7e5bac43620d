package dev.poolscope.metrics;

import java.util.List;

/**
 * One episode of a pool stalling itself, as a report shows it: from the
 * instant it was detected to the instant it ended. Times are milliseconds
 * since the run (or the watch) began.
 *
 * @param kind {@link StallStatus#STARVATION_DEADLOCK} or {@link StallStatus#THROUGHPUT_COLLAPSE}
 * @param detectedAtMillis when it was detected
 * @param endedAtMillis when it ended, or -1 if it had not ended when the report was made
 * @param workers the workers that waited, by label, in the order they were seen
 * @param waitingOn the ids of the tasks they waited for
 * @param failedTasks waiting tasks the pool failed to end the episode ({@code on-stall fail}); 0 otherwise
 */
public record StallEpisode(String kind, long detectedAtMillis, long endedAtMillis, List<String> workers,
                           List<Long> waitingOn, long failedTasks) {

    public StallEpisode {
        workers = List.copyOf(workers);
        waitingOn = List.copyOf(waitingOn);
    }

    /** True if the episode had ended when the report was made. */
    public boolean ended() {
        return endedAtMillis >= 0;
    }
}
