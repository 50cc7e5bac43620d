package dev.poolscope.attach;

import java.util.List;

/**
 * A watched pool that looks deadlocked by starvation: every worker parked waiting for another task's result
 * (see {@link FutureWaits}). A suspicion read from thread stacks, not a proof.
 *
 * @param kind {@link FutureWaits#SUSPECTED}
 * @param threads the names of the waiting workers
 * @param waitsOn the waiting call of each, in the same order ({@code FutureTask.get})
 * @param sinceMillis when the watch first saw it, in milliseconds since the watch began
 */
public record PoolStall(String kind, List<String> threads, List<String> waitsOn, long sinceMillis) {
    public PoolStall {
        threads = List.copyOf(threads);
        waitsOn = List.copyOf(waitsOn);
    }

    /** One sentence for the terminal and the dashboard. */
    public String describe() {
        return "suspected starvation deadlock (a suspicion from thread stacks): every worker (" + String.join(", ", threads)
                + ") is parked in " + String.join(", ", waitsOn.stream().distinct().toList())
                + " since " + String.format(java.util.Locale.ROOT, "%.1f", sinceMillis / 1000.0)
                + " s into the watch; if they wait for tasks queued in this same pool, none can run: give the subtasks "
                + "their own pool, use a ForkJoinPool and join, or never block a worker on its own pool's tasks";
    }
}
