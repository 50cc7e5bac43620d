package dev.poolscope.process;

import dev.poolscope.metrics.Counts;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.pool.TaskCallable;
import dev.poolscope.pool.TaskTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static dev.poolscope.process.ProcessTestSupport.await;
import static dev.poolscope.process.ProcessTestSupport.closeAndCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Exactly once under kills: a reply already in the pipe when its worker is
 * killed is still read and counted; a task that started is never run again;
 * a task sent ahead that provably never started runs once, elsewhere. Each
 * task appends its name to a file every time it runs.
 */
@Timeout(90)
class ExactlyOnceTest {
    /** Pipelining without a time budget, so every task below is sent at once; heartbeats never the killer here. */
    private static ProcessPoolSettings settings() {
        ProcessPoolSettings d = ProcessPoolSettings.defaults();
        return new ProcessPoolSettings(64, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(30),
                d.startTimeout(), d.maxStartFailures(), d.baseJvmOptions(), d.classDataSharing(),
                d.serialFilterPatterns(), d.logLines(), d.cancelGrace());
    }

    /** A task that appends {@code name} to {@code runs}, then returns its name, or hangs if asked. */
    private static TaskCallable<String> marking(Path runs, String name, boolean hang) {
        String file = runs.toString();
        return () -> {
            Files.writeString(Path.of(file), name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            while (hang) {
                Thread.sleep(60_000);
            }
            return name;
        };
    }

    private static List<String> runs(Path runs) throws Exception {
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"outside SIGKILL", "killWorker"})
    void repliesInThePipeWhenTheWorkerIsKilled_areCounted_andNoStartedTaskRunsTwice(String how, @TempDir Path dir)
            throws Exception {
        Path runs = dir.resolve("runs");
        ProcessWorkerPool p = new ProcessWorkerPool(PoolConfig.of(1), settings());
        try {
            assertEquals(1, p.submit((TaskCallable<Integer>) () -> 1).get(20, TimeUnit.SECONDS)); // times the worker
            long pid = p.workerPids().get(0);
            Future<String> a;
            Future<String> b;
            Future<String> c;
            Future<String> d;
            ReentrantLock lock = p.supervisorLock();
            lock.lock(); // the reader can read A's reply but cannot hand it over: it waits for this lock
            try {
                a = p.submit(marking(runs, "A", false));
                b = p.submit(marking(runs, "B", false));
                c = p.submit(marking(runs, "C", true));
                d = p.submit(marking(runs, "D", false));
                // C has started, so the worker has flushed A's and B's replies: they are in the pipe (or the reader's buffer)
                await("C started", Duration.ofSeconds(30), () -> {
                    try {
                        return runs(runs).contains("C");
                    } catch (Exception e) {
                        return false;
                    }
                });
                if (how.equals("killWorker")) {
                    assertEquals(pid, p.killWorker(0));
                } else {
                    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                }
                await("worker dead", Duration.ofSeconds(10),
                        () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            } finally {
                lock.unlock();
            }
            assertEquals("A", a.get(20, TimeUnit.SECONDS));
            assertEquals("B", b.get(20, TimeUnit.SECONDS));
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.get(20, TimeUnit.SECONDS));
            assertInstanceOf(WorkerCrashedException.class, e.getCause());
            assertEquals("D", d.get(30, TimeUnit.SECONDS), "D never started in the killed worker: sent again");
            assertEquals(List.of("A", "B", "C", "D"), runs(runs), "each task ran exactly once");
            Counts counts = ProcessTestSupport.awaitEnded(p, 5);
            assertEquals(4, counts.succeeded(), counts.toString());
            assertEquals(1, counts.failed(), counts.toString());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void taskTimeout_killsItsWorker_theTaskIsNotRunAgain_andTheOnesBehindItRunOnce(@TempDir Path dir)
            throws Exception {
        Path runs = dir.resolve("runs");
        PoolConfig config = new PoolConfig(1, PoolConfig.UNBOUNDED, RejectionPolicy.BLOCK, Duration.ofMillis(1500), 0,
                List.of(), null);
        ProcessWorkerPool p = new ProcessWorkerPool(config, settings());
        try {
            assertEquals(1, p.submit((TaskCallable<Integer>) () -> 1).get(20, TimeUnit.SECONDS));
            Future<String> a = p.submit(marking(runs, "A", false));
            Future<String> c = p.submit(marking(runs, "C", true));
            Future<String> d = p.submit(marking(runs, "D", false));
            Future<String> e = p.submit(marking(runs, "E", false));
            assertEquals("A", a.get(20, TimeUnit.SECONDS));
            ExecutionException x = assertThrows(ExecutionException.class, () -> c.get(20, TimeUnit.SECONDS));
            assertInstanceOf(TaskTimeoutException.class, x.getCause());
            assertEquals("D", d.get(30, TimeUnit.SECONDS));
            assertEquals("E", e.get(30, TimeUnit.SECONDS));
            assertEquals(List.of("A", "C", "D", "E"), runs(runs), "each task ran exactly once");
            assertEquals(1, p.workerDetails().get(0).restarts());
        } finally {
            closeAndCheck(p);
        }
    }
}
