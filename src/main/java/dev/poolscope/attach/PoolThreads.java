package dev.poolscope.attach;

import java.util.List;

/**
 * The threads of one pool in a thread dump.
 *
 * @param name the pool's name: its thread container ({@code java.util.concurrent.ThreadPoolExecutor@7d4991ad},
 *             {@code ForkJoinPool-1}), or {@code threads named P*} where only thread names group them
 * @param kind one of {@link PoolKinds}
 * @param threads its worker threads
 */
public record PoolThreads(String name, String kind, List<WorkerThread> threads) {
    public PoolThreads {
        threads = List.copyOf(threads);
    }

    /** Workers running a task. */
    public int busy() {
        return (int) threads.stream().filter(WorkerThread::busy).count();
    }
}
