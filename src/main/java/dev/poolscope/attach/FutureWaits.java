package dev.poolscope.attach;

import java.util.List;

/**
 * Reads from a worker's stack whether it is parked waiting for the result of another task ({@code FutureTask.get},
 * {@code CompletableFuture.join} or {@code get}, {@code ForkJoinTask.join} or {@code get} outside a fork-join
 * worker's helping, {@code invokeAll}, {@code invokeAny}, {@code ExecutorCompletionService.take}). A pool whose every
 * worker waits so while tasks still wait in its queue starves itself: the tasks its workers wait for can never run.
 * From stacks alone that is a suspicion, not a proof (the futures may belong to another pool), so the watch calls it
 * {@link #SUSPECTED}.
 */
public final class FutureWaits {
    /** The {@code kind} of a pool's {@code stall} in a watch report. */
    public static final String SUSPECTED = "suspected-starvation-deadlock";
    /** Frames (class and method, as a stack names them) that wait for another task's result. */
    private static final List<String> WAITS = List.of(
            "java.util.concurrent.FutureTask.get", "java.util.concurrent.FutureTask.awaitDone",
            "java.util.concurrent.CompletableFuture.join", "java.util.concurrent.CompletableFuture.get",
            "java.util.concurrent.CompletableFuture.waitingGet", "java.util.concurrent.CompletableFuture.timedGet",
            "java.util.concurrent.ForkJoinTask.join", "java.util.concurrent.ForkJoinTask.get",
            "java.util.concurrent.ForkJoinTask.awaitDone",
            "java.util.concurrent.AbstractExecutorService.invokeAll", "java.util.concurrent.AbstractExecutorService.invokeAny",
            "java.util.concurrent.ExecutorCompletionService.take");

    private FutureWaits() {
    }

    /**
     * The waiting call nearest the task's own code ({@code FutureTask.get}) when a stack (top first) waits for
     * another task's result, else null. Only frames above the pool's worker loop count.
     */
    static String waitCall(List<String> stack) {
        String found = null;
        for (String frame : stack) {
            if (frame.contains("ThreadPoolExecutor.runWorker") || frame.contains("ForkJoinPool.runWorker")) {
                break;
            }
            String hit = null;
            for (String w : WAITS) {
                int at = frame.indexOf(w);
                if (at >= 0 && frame.startsWith("(", at + w.length())) {
                    hit = w.substring("java.util.concurrent.".length());
                }
            }
            if (hit != null) {
                found = hit;
            } else if (found != null) {
                return found;
            }
        }
        return found;
    }

    /**
     * Whether a pool looks starved by its own tasks: it has workers, every one is parked in a wait for another
     * task's result, and its queue is not known to be empty (with an empty queue the awaited tasks are elsewhere).
     */
    public static boolean suspected(List<WorkerThread> workers, Long queueDepth) {
        if (workers.isEmpty() || (queueDepth != null && queueDepth == 0)) {
            return false;
        }
        for (WorkerThread w : workers) {
            boolean parked = w.state().equals("WAITING") || w.state().equals("TIMED_WAITING");
            if (w.waitsOn() == null || !parked) {
                return false;
            }
        }
        return true;
    }
}
