package dev.poolscope.pool;

import dev.poolscope.metrics.Counts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parts of the {@link java.util.concurrent.ExecutorService} contract that
 * users lean on when they pass a pool where any executor goes: results and
 * exceptions as themselves, cancellation that stops tasks, and
 * {@code shutdownNow} handing back what never started. Every kind, the
 * process pool included.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ExecutorContractTest {

    static List<String> kinds() {
        // the cluster kind's pools join one member shared by the class (SharedMembers): a member start per case would cost seconds
        return PoolRegistry.standard().names();
    }

    @BeforeAll
    static void startSharedMembers() {
        SharedMembers.start();
    }

    @AfterAll
    static void stopSharedMembers() throws InterruptedException {
        SharedMembers.stop();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void submitWithResult_returnsThatVeryObject(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            Object result = new Object(); // not serializable: it cannot have travelled
            Runnable task = (Runnable & Serializable) () -> { };
            assertSame(result, pool.submit(task, result).get(30, TimeUnit.SECONDS));
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void killWorker_isOfferedExactlyByKindsWhoseWorkersAreProcesses(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            // the contract's cluster pools join a cluster they did not start and cannot kill its members
            // (ClusterPoolTest kills the members of a pool that started them)
            boolean processes = PoolRegistry.standard().get(kind).usesProcesses() && !kind.equals("cluster");
            assertEquals(processes, pool.killsWorkers());
            if (!processes) {
                assertThrows(UnsupportedOperationException.class, () -> pool.killWorker(0));
            }
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void timedInvokeAll_stopsItsStragglers(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            List<Callable<Object>> tasks = List.of((TaskCallable<Object>) () -> {
                Thread.sleep(60_000);
                return null;
            });
            List<Future<Object>> done = pool.invokeAll(tasks, 300, TimeUnit.MILLISECONDS);
            assertTrue(done.get(0).isCancelled());
            assertEquals(9, pool.submit((Callable<Integer>) PoolContractTest.square(3)).get(20, TimeUnit.SECONDS));
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void taskException_arrivesAsItsOwnClassWithItsMessage(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            Future<Object> f = pool.submit((TaskCallable<Object>) () -> {
                throw new IOException("disk gone");
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            IOException own = assertInstanceOf(IOException.class, e.getCause());
            assertEquals("disk gone", own.getMessage());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void cancelTrue_stopsTheRunningTask_andTheWorkerTakesTheNext(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            Gate started = Gate.create();
            Future<Object> sleeper = pool.submit((TaskCallable<Object>) () -> {
                started.open();
                Thread.sleep(60_000);
                return null;
            });
            // started where it runs, not only sent there (a task cancelled before it starts is skipped)
            Pools.waitUntil(Duration.ofSeconds(20), started::isOpen, () -> "sleeper never started: " + pool.metrics().counts());
            assertTrue(sleeper.cancel(true));
            assertThrows(CancellationException.class, sleeper::get);
            // one worker: the next task runs only if the sleeper was really stopped
            assertEquals(9, pool.submit((Callable<Integer>) PoolContractTest.square(3)).get(20, TimeUnit.SECONDS));
            Pools.waitUntil(Duration.ofSeconds(10), () -> pool.metrics().counts().cancelled() == 1,
                    () -> pool.metrics().counts().toString());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void cancelledTaskThatHadNotStarted_neverRuns(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            Gate blocker = Gate.create();
            Gate ran = Gate.create();
            pool.submit((Callable<Boolean>) PoolContractTest.waitFor(blocker));
            Pools.waitUntil(Duration.ofSeconds(20), () -> pool.metrics().counts().running() >= 1,
                    () -> "blocker never started: " + pool.metrics().counts());
            Future<Integer> waiting = pool.submit((TaskCallable<Integer>) () -> {
                ran.open();
                return 1;
            });
            assertTrue(waiting.cancel(false));
            blocker.open();
            assertEquals(4, pool.submit((Callable<Integer>) PoolContractTest.square(2)).get(20, TimeUnit.SECONDS));
            assertFalse(ran.isOpen(), "a task cancelled before it started ran anyway");
            assertTrue(waiting.isCancelled());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed", "virtual", "process"})
    void shutdownNow_handsBackRunnablesThatRunTheUsersTasks_countedOnceAsCancelled(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        Gate blocker = Gate.create();
        List<Gate> marks = new ArrayList<>();
        try {
            pool.submit((Callable<Boolean>) PoolContractTest.waitFor(blocker));
            Pools.waitUntil(Duration.ofSeconds(20), () -> pool.metrics().counts().running() >= 1,
                    () -> "blocker never started: " + pool.metrics().counts());
            for (int i = 0; i < 6; i++) {
                Gate mark = Gate.create();
                marks.add(mark);
                pool.submit((Runnable & Serializable) mark::open);
            }
            List<Runnable> never = pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            assertTrue(never.size() >= 5, "handed back " + never.size()); // a process pool keeps one in its pipe
            Counts before = pool.metrics().counts();
            assertEquals(7, before.ended(), before.toString());
            assertTrue(before.cancelled() >= never.size(), before.toString());
            for (Runnable r : never) {
                UnstartedTask u = assertInstanceOf(UnstartedTask.class, r);
                assertTrue(u.future().isCancelled());
                r.run();
            }
            long opened = marks.stream().filter(Gate::isOpen).count();
            assertEquals(never.size(), opened, "each handed-back task ran the user's task once");
            assertEquals(before, pool.metrics().counts(), "running them touched no figure");
        } finally {
            blocker.open();
            Pools.closeAndCheck(pool);
        }
    }
}
