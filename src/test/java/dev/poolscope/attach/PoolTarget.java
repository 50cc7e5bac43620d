package dev.poolscope.attach;

import java.io.IOException;
import java.io.InputStream;
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
 * A target application for the attach tests and for trying {@code poolscope watch} by hand: a
 * {@code ThreadPoolExecutor} of 4 threads named {@code work-N} running 5 ms tasks at about 400 per second, and a
 * pool of one thread named {@code reject-N} with a queue of 2 that rejects part of its 10 ms tasks. It prints
 * {@code ready} once both pools run, then {@code completed W R rejected X} every 200 ms, and exits when its
 * standard input closes, so it never outlives the test that started it. With the argument {@code odd}, a third pool
 * of 2 threads named {@code odd-N}, a subclass whose {@code beforeExecute} does not call {@code super}, runs 1 ms tasks;
 * with {@code deadlock}, a pool of 2 threads named {@code stuck-N} deadlocks by starvation ({@link #deadlock()});
 * with {@code bytebuddy}, it uses its own ByteBuddy from its class path first; with {@code meters}, it publishes the
 * work pool's Micrometer {@code executor.*} meters over JMX (Micrometer on its class path).
 */
public final class PoolTarget {
    /** The meter registry, kept reachable while the target runs. */
    static volatile Object keep;

    private PoolTarget() {
    }

    public static void main(String[] args) throws Exception {
        ThreadPoolExecutor work = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("work-"));
        ThreadPoolExecutor reject = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(2),
                named("reject-"), new ThreadPoolExecutor.AbortPolicy());
        work.prestartAllCoreThreads();
        reject.prestartAllCoreThreads();
        java.util.List<String> options = java.util.List.of(args);
        ThreadPoolExecutor odd = options.contains("odd") ? new OddPool() : null;
        if (options.contains("deadlock")) {
            deadlock();
        }
        Object meters = options.contains("meters") ? Class.forName("dev.poolscope.attach.MeteredPools")
                .getMethod("publish", java.util.concurrent.ExecutorService.class, String.class).invoke(null, work, "work") : null;
        if (options.contains("bytebuddy")) {
            System.out.println(ownByteBuddy());
        }
        AtomicLong rejected = new AtomicLong();
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor(named("feeder-"));
        // 2 work tasks every 5 ms: about 400/s against a capacity of 800/s; 1 reject task every 5 ms against 100/s
        feeder.scheduleAtFixedRate(() -> {
            work.execute(() -> sleep(5));
            work.execute(() -> sleep(5));
            if (odd != null) {
                odd.execute(() -> sleep(1));
            }
            try {
                reject.execute(() -> sleep(10));
            } catch (RejectedExecutionException e) {
                rejected.incrementAndGet();
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        Thread stdin = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // until the parent closes the pipe or goes away
                }
            } catch (IOException ignored) {
                // the parent is gone
            }
            Runtime.getRuntime().halt(0);
        }, "stdin-watch");
        stdin.setDaemon(true);
        stdin.start();
        keep = meters;
        System.out.println("ready");
        System.out.flush();
        while (true) {
            Thread.sleep(200);
            System.out.println("completed " + work.getCompletedTaskCount() + " " + reject.getCompletedTaskCount()
                    + " rejected " + rejected.get());
            System.out.flush();
        }
    }

    /**
     * A pool of 2 threads named {@code stuck-N} that deadlocks by starvation: each of its 2 tasks submits a subtask to
     * the same pool and waits for it, so both workers wait and both subtasks stay queued behind them.
     */
    static void deadlock() throws InterruptedException {
        ThreadPoolExecutor stuck = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("stuck-"));
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            stuck.execute(() -> {
                both.countDown();
                try {
                    both.await();
                    stuck.submit(() -> sleep(1)).get();
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        both.await();
    }

    /** Uses the application's own ByteBuddy (on its class path) and says where it came from. */
    static String ownByteBuddy() throws Exception {
        Class<?> bb = Class.forName("net.bytebuddy.ByteBuddy");
        Object made = bb.getMethod("subclass", Class.class).invoke(bb.getConstructor().newInstance(), Object.class);
        return "own ByteBuddy " + bb.getProtectionDomain().getCodeSource().getLocation() + " made " + made.getClass().getSimpleName();
    }

    /** A pool whose beforeExecute forgets to call super. */
    static final class OddPool extends ThreadPoolExecutor {
        OddPool() {
            super(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named("odd-"));
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            t.setPriority(Thread.NORM_PRIORITY);
        }
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
