package dev.poolscope.metrics;

/**
 * One task that was rejected by its pool or cancelled, as a snapshot names it
 * ({@link MetricsSnapshot#cancelsAndRejects()}). Neither kind runs to an end on
 * a worker, so neither has a {@link TaskSpan} to end it: this says which task
 * left the queue (or the worker) and how.
 *
 * @param taskId the task's sequence number in its pool (the number {@link PoolRecorder#taskSubmitted()} gave it)
 * @param outcome {@link Outcome#REJECTED} or {@link Outcome#CANCELLED}
 */
public record CancelOrReject(long taskId, Outcome outcome) {
}
