package dev.poolscope.attach;

import java.util.List;

/** The pool kinds a watch reports, as written in its JSON: {@code kind} is always one of these. */
public final class PoolKinds {
    public static final String THREAD_POOL_EXECUTOR = "ThreadPoolExecutor";
    public static final String SCHEDULED = "ScheduledThreadPoolExecutor";
    public static final String FORK_JOIN = "ForkJoinPool";
    public static final String THREAD_PER_TASK = "ThreadPerTaskExecutor";
    public static final String OTHER = "other";

    private PoolKinds() {
    }

    /** The kind of a pool from its thread container's name and its workers' stacks. */
    static String of(String container, List<List<String>> stacks) {
        if (container.startsWith("java.util.concurrent.ScheduledThreadPoolExecutor@")) {
            return SCHEDULED;
        }
        if (container.startsWith("java.util.concurrent.ThreadPoolExecutor@")) {
            return THREAD_POOL_EXECUTOR;
        }
        if (container.startsWith("ForkJoinPool") || container.startsWith("java.util.concurrent.ForkJoinPool@")) {
            return FORK_JOIN;
        }
        if (container.startsWith("java.util.concurrent.ThreadPerTaskExecutor@")) {
            return THREAD_PER_TASK;
        }
        boolean tpe = false;
        for (List<String> s : stacks) {
            for (String f : s) {
                if (f.contains("ScheduledThreadPoolExecutor$DelayedWorkQueue")) {
                    return SCHEDULED;
                }
                if (f.contains("java.util.concurrent.ForkJoinWorkerThread.run")) {
                    return FORK_JOIN;
                }
                tpe |= f.contains("java.util.concurrent.ThreadPoolExecutor$Worker.run");
            }
        }
        return tpe ? THREAD_POOL_EXECUTOR : OTHER;
    }

    /** Whether a worker with this stack (top first) waits for a task rather than running one. */
    static boolean idle(List<String> stack) {
        for (String f : stack) {
            if (f.contains("java.util.concurrent.ThreadPoolExecutor.getTask")
                    || f.contains("java.util.concurrent.ForkJoinPool.awaitWork")) {
                return true;
            }
            if (f.contains("java.util.concurrent.ThreadPoolExecutor.runWorker")
                    || f.contains("java.util.concurrent.ForkJoinPool.runWorker")) {
                return false;
            }
        }
        return false;
    }
}
