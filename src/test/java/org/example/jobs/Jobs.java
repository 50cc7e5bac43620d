package org.example.jobs;

import dev.poolscope.pool.TaskCallable;

/** A user's class outside PoolScope's packages, for allow-list tests. */
public final class Jobs {
    private Jobs() {
    }

    /** A serializable lambda written in this class. */
    public static TaskCallable<Integer> answer() {
        return () -> 42;
    }
}
