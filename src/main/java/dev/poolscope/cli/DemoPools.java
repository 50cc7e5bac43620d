package dev.poolscope.cli;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pools of {@code poolscope demo pools}, an application to try {@code jvms} and {@code watch} on: a plain
 * {@code ThreadPoolExecutor} of 4 threads named {@code work-N} running 5 ms tasks (sleeps) at about 400 a second,
 * and one of 1 thread named {@code reject-N} with a queue of 2 that is offered a 10 ms task every 5 ms, so about
 * half of them are rejected ({@code AbortPolicy}). A scheduler thread named {@code feeder-1} submits them.
 */
final class DemoPools implements AutoCloseable {
    final ThreadPoolExecutor work = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            named("work-"));
    final ThreadPoolExecutor reject = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(2),
            named("reject-"), new ThreadPoolExecutor.AbortPolicy());
    private final AtomicLong rejected = new AtomicLong();
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor(named("feeder-"));

    DemoPools() {
        work.prestartAllCoreThreads();
        reject.prestartAllCoreThreads();
        // 2 work tasks every 5 ms: about 400/s against a capacity of 800/s; 1 reject task every 5 ms against 100/s
        feeder.scheduleAtFixedRate(() -> {
            work.execute(() -> sleep(5));
            work.execute(() -> sleep(5));
            try {
                reject.execute(() -> sleep(10));
            } catch (RejectedExecutionException e) {
                rejected.incrementAndGet();
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
    }

    /** Tasks rejected by the {@code reject-*} pool so far. */
    long rejected() {
        return rejected.get();
    }

    @Override
    public void close() throws InterruptedException {
        feeder.shutdownNow();
        work.shutdownNow();
        reject.shutdownNow();
        feeder.awaitTermination(5, TimeUnit.SECONDS);
        work.awaitTermination(5, TimeUnit.SECONDS);
        reject.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + n.incrementAndGet());
    }
}
