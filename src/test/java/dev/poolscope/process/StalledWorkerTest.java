package dev.poolscope.process;

import dev.poolscope.metrics.Counts;
import dev.poolscope.pool.TaskCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.poolscope.process.ProcessTestSupport.await;
import static dev.poolscope.process.ProcessTestSupport.closeAndCheck;
import static dev.poolscope.process.ProcessTestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker stopped by SIGSTOP while tasks with large arguments fill its pipe
 * stalls nothing else: no pipe write happens under the pool's lock.
 */
@Timeout(90)
class StalledWorkerTest {
    /** Each task's argument is far larger than a pipe's buffer (64 KiB on Linux). */
    private static final int ARGUMENT_BYTES = 1 << 20;

    /** Runs {@code call} on another thread and fails if it does not return within {@code limit}. */
    private static <T> T within(ExecutorService side, Duration limit, String what, java.util.concurrent.Callable<T> call)
            throws Exception {
        Future<T> f = side.submit(call);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " did not return within " + limit + " while a worker was stopped");
        }
    }

    private static TaskCallable<Integer> big(int at) {
        byte[] argument = new byte[ARGUMENT_BYTES];
        argument[at % ARGUMENT_BYTES] = 1;
        return () -> argument.length + at;
    }

    @Test
    void workerStoppedWhileItsPipeFills_stallsNeitherSubmitsNorSamplerNorResizeNorOtherWorkers_andIsReplaced()
            throws Exception {
        // heartbeat timeout long enough to check everything while the worker is still stopped
        ProcessPoolSettings settings = ProcessPoolSettings.defaults()
                .withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(4000));
        ProcessWorkerPool p = new ProcessWorkerPool(config(2), settings);
        ExecutorService side = Executors.newCachedThreadPool();
        long stoppedPid = p.workerPids().get(0);
        try {
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(stoppedPid)).start();
            assertEquals(0, stop.waitFor());
            long stoppedAt = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                TaskCallable<Integer> task = big(i);
                futures.add(within(side, Duration.ofSeconds(2), "submit " + i, () -> p.submit(task)));
            }
            // the other worker goes on, and so do the sampler, the reports and resizing
            assertEquals(5, within(side, Duration.ofSeconds(3), "a small task",
                    () -> p.submit((TaskCallable<Integer>) () -> 5).get()));
            within(side, Duration.ofSeconds(1), "the worker snapshots", p::workerSnapshots);
            within(side, Duration.ofSeconds(1), "toString", p::toString);
            within(side, Duration.ofSeconds(1), "the metrics", () -> p.metrics().counts());
            within(side, Duration.ofSeconds(3), "resize to 3", () -> {
                p.resize(3);
                return null;
            });
            assertTrue(System.nanoTime() - stoppedAt < TimeUnit.MILLISECONDS.toNanos(4000),
                    "all of the above happened before the heartbeat limit");
            assertTrue(ProcessHandle.of(stoppedPid).map(ProcessHandle::isAlive).orElse(false),
                    "the stopped worker was not replaced yet");

            // the heartbeat timeout replaces the stopped worker; its tasks end, the undelivered ones run elsewhere
            for (Future<Integer> f : futures) {
                try {
                    assertTrue(f.get(30, TimeUnit.SECONDS) >= ARGUMENT_BYTES);
                } catch (ExecutionException e) {
                    WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class, e.getCause());
                    assertTrue(crash.exit().startsWith("frozen: no heartbeat"), crash.getMessage());
                }
            }
            await("the stopped worker replaced", Duration.ofSeconds(20),
                    () -> !p.workerPids().contains(stoppedPid) && p.metrics().restarts() >= 1);
            assertFalse(ProcessHandle.of(stoppedPid).map(ProcessHandle::isAlive).orElse(false));
            Counts c = ProcessTestSupport.awaitEnded(p, 9);
            assertEquals(9, c.succeeded() + c.failed(), c.toString());
            within(side, Duration.ofSeconds(30), "shutdown", () -> {
                p.shutdown();
                return p.awaitTermination(20, TimeUnit.SECONDS);
            });
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(stoppedPid)).start().waitFor();
            side.shutdownNow();
            closeAndCheck(p);
        }
    }

    @Test
    void shutdownNow_whileAWorkerIsStoppedWithAFullPipe_returnsAtOnce() throws Exception {
        ProcessWorkerPool p = new ProcessWorkerPool(config(1), ProcessTestSupport.quick()
                .withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(10_000)));
        ExecutorService side = Executors.newCachedThreadPool();
        long pid = p.workerPids().get(0);
        try {
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor());
            for (int i = 0; i < 3; i++) {
                TaskCallable<Integer> task = big(i);
                within(side, Duration.ofSeconds(2), "submit " + i, () -> p.submit(task));
            }
            within(side, Duration.ofSeconds(2), "shutdownNow", p::shutdownNow);
            assertTrue(p.awaitTermination(20, TimeUnit.SECONDS), p.toString());
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
            side.shutdownNow();
            closeAndCheck(p);
        }
    }
}
