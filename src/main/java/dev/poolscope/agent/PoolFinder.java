package dev.poolscope.agent;

import dev.poolscope.agent.boot.PoolHooks;

import java.lang.reflect.Field;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Finds the pools that already run by walking the live platform threads: a {@code ForkJoinWorkerThread} names its
 * pool; the task of a {@code ThreadPoolExecutor}'s worker thread is the pool's {@code Worker}, whose outer instance
 * is the pool. Reading a thread's task needs {@code java.lang} opened to the probe, and {@code Thread.holder}
 * (JDK 21 and later); on older JDKs the pools appear when they next run a task.
 */
final class PoolFinder {
    private final Field holder;
    private final Field holderTask;
    private final Field workerPool;

    PoolFinder() {
        Field h = null;
        Field t = null;
        Field w = null;
        try {
            h = Thread.class.getDeclaredField("holder");
            h.setAccessible(true);
            t = h.getType().getDeclaredField("task");
            t.setAccessible(true);
            Class<?> worker = Class.forName("java.util.concurrent.ThreadPoolExecutor$Worker");
            w = worker.getDeclaredField("this$0");
            w.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            h = null;
        }
        holder = h;
        holderTask = t;
        workerPool = w;
    }

    /** Whether pools that exist but run no task can be found on this JDK. */
    boolean seesIdlePools() {
        return holder != null;
    }

    /** Registers with {@link PoolHooks} every pool that one of the live threads works for. */
    void walk() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread th = threads[i];
            if (th instanceof ForkJoinWorkerThread f) {
                var e = PoolHooks.entry(f.getPool());
                int w = th.getName().indexOf("-worker-");
                if (e.alias == null && w > 0) {
                    e.alias = th.getName().substring(0, w);
                }
            } else if (holder != null) {
                try {
                    Object task = holderTask.get(holder.get(th));
                    if (task != null && task.getClass() == workerPool.getDeclaringClass()) {
                        PoolHooks.entry(workerPool.get(task));
                    }
                } catch (IllegalAccessException | RuntimeException e) {
                    // a thread that changed meanwhile: the next walk sees it
                }
            }
        }
    }
}
