package dev.poolscope.pool;

import dev.poolscope.metrics.Counts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every pool kind in the registry follows: the ExecutorService
 * contract, the tutorial's operations, and exactly-once accounting. Tasks are
 * serializable and synchronise through a file {@link Gate}, so the same tests
 * run on worker processes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PoolContractTest {

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

    /** A serializable task returning its argument squared. */
    static TaskCallable<Integer> square(int x) {
        return () -> x * x;
    }

    static TaskCallable<String> failing(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    static TaskCallable<Boolean> waitFor(Gate gate) {
        return gate::await;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void submit_returnsTheTaskResult(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            assertEquals(49, pool.submit((Callable<Integer>) square(7)).get(30, TimeUnit.SECONDS));
            assertEquals(kind, pool.kind());
            assertEquals(2, pool.workers());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void submit_taskThatThrows_reachesCallerAsCause(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            Future<String> f = pool.submit((Callable<String>) failing("boom"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("boom"), "cause: " + e.getCause());
            Pools.waitUntil(Duration.ofSeconds(10), () -> pool.metrics().counts().failed() == 1,
                    () -> pool.metrics().counts().toString());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void nullTasks_areRefusedWithNullPointerException(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            assertThrows(NullPointerException.class, () -> pool.execute(null));
            assertThrows(NullPointerException.class, () -> pool.submit((Callable<Object>) null));
            assertThrows(NullPointerException.class, () -> pool.submit((Runnable) null));
            assertThrows(NullPointerException.class, () -> pool.invokeAll(null));
            assertThrows(NullPointerException.class, () -> pool.invokeAny(null));
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void submit_afterShutdown_isRejectedAndCounted(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            pool.shutdown();
            assertTrue(pool.isShutdown());
            assertThrows(RejectedExecutionException.class, () -> pool.submit((Callable<Integer>) square(2)));
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
            assertTrue(pool.isTerminated());
            Counts c = pool.metrics().counts();
            assertEquals(1, c.submitted());
            assertEquals(1, c.rejected());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shutdown_letsQueuedTasksFinish(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            Gate gate = Gate.create();
            List<Future<?>> futures = new ArrayList<>();
            futures.add(pool.submit((Callable<Boolean>) waitFor(gate)));
            for (int i = 0; i < 5; i++) {
                futures.add(pool.submit((Callable<Integer>) square(i)));
            }
            pool.shutdown();
            gate.open();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            for (Future<?> f : futures) {
                assertTrue(f.isDone() && !f.isCancelled(), "every queued task ran");
            }
            assertEquals(6, pool.metrics().counts().succeeded());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shutdownNow_cancelsAndReturnsTasksThatNeverStarted(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            Gate gate = Gate.create();
            Future<Boolean> blocker = pool.submit((Callable<Boolean>) waitFor(gate));
            Pools.waitUntil(Duration.ofSeconds(20), () -> pool.metrics().counts().running() >= 1,
                    () -> "blocker never started: " + pool.metrics().counts());
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                queued.add(pool.submit((Callable<Integer>) square(i)));
            }
            List<Runnable> never = pool.shutdownNow();
            gate.open();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            long cancelled = queued.stream().filter(Future::isCancelled).count();
            long ranAnyway = queued.stream().filter(f -> f.isDone() && !f.isCancelled()).count();
            assertTrue(never.size() >= cancelled - 1 && !never.isEmpty(),
                    "returned " + never.size() + ", cancelled " + cancelled + ", ran though queued behind the blocker "
                            + ranAnyway + ", blocker done " + blocker.isDone() + ", " + pool.metrics().counts());
            for (Runnable r : never) {
                Future<?> f = r instanceof UnstartedTask u ? u.future() : (Future<?>) r;
                assertTrue(f.isCancelled(), "returned tasks are cancelled");
            }
            assertTrue(blocker.isDone());
            Counts c = pool.metrics().counts();
            assertEquals(21, c.submitted());
            assertEquals(c.submitted(), c.ended(), c.toString());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void invokeAll_returnsDoneFuturesInTaskOrder(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            List<Callable<Integer>> tasks = IntStream.range(0, 10).mapToObj(i -> (Callable<Integer>) square(i)).toList();
            List<Future<Integer>> futures = pool.invokeAll(tasks);
            assertEquals(10, futures.size());
            for (int i = 0; i < 10; i++) {
                assertTrue(futures.get(i).isDone());
                assertEquals(i * i, futures.get(i).get());
            }
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void invokeAny_returnsASuccessfulResult_andThrowsWhenAllFail(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            List<Callable<String>> mixed = List.of(failing("a"), (TaskCallable<String>) () -> "ok", failing("b"));
            assertEquals("ok", pool.invokeAny(mixed));
            List<Callable<String>> bad = List.of(failing("x"), failing("y"));
            assertThrows(ExecutionException.class, () -> pool.invokeAny(bad));
            assertThrows(IllegalArgumentException.class, () -> pool.invokeAny(List.of()));
            Gate never = Gate.create();
            assertThrows(TimeoutException.class,
                    () -> pool.invokeAny(List.of((Callable<Boolean>) waitFor(never)), 50, TimeUnit.MILLISECONDS));
            never.open();
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void map_returnsResultsInInputOrder(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            List<Integer> items = IntStream.range(0, 50).boxed().toList();
            List<Integer> out = pool.map(x -> {
                if (x % 7 == 0) {
                    Thread.sleep(2); // make completion order differ from input order
                }
                return x * x;
            }, items);
            assertEquals(items.stream().map(x -> x * x).toList(), out);
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void map_failure_throwsTheTasksOwnException(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.map(x -> {
                if (x == 3) {
                    throw new IllegalArgumentException("bad item 3");
                }
                return x;
            }, List.of(1, 2, 3, 4)));
            assertTrue(e.getCause().getMessage().contains("bad item 3"), "cause: " + e.getCause());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void starmap_appliesPairsInInputOrder(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            List<Map.Entry<Integer, Integer>> pairs = IntStream.range(0, 5).mapToObj(i -> Map.entry(i, i + 1)).toList();
            assertEquals(List.of(1, 3, 5, 7, 9), pool.starmap(Integer::sum, pairs));
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void batch_returnsAllResultsInInputOrder(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            List<Integer> items = IntStream.range(0, 23).boxed().toList();
            assertEquals(items.stream().map(x -> x + 1).toList(), pool.batch(x -> x + 1, items, 5));
            assertThrows(IllegalArgumentException.class, () -> pool.batch(x -> x, items, 0));
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void asCompleted_yieldsEveryIndexOnce(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            List<Integer> items = IntStream.range(0, 30).boxed().toList();
            List<Completion<Integer>> done;
            try (var stream = pool.asCompleted(x -> x * 10, items)) {
                done = stream.toList();
            }
            assertEquals(30, done.size());
            assertEquals(items, done.stream().map(Completion::index).sorted().toList());
            assertTrue(done.stream().allMatch(c -> c.succeeded() && c.value() == c.index() * 10));
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void submitTaskById_getResult_handsOutEachResultOnce(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            pool.submitTask("task1", square(5));
            assertThrows(IllegalArgumentException.class, () -> pool.submitTask("task1", square(6)));
            Integer r = pool.getResult("task1", Duration.ofSeconds(30));
            assertEquals(25, r);
            assertThrows(NoSuchElementException.class, () -> pool.getResult("task1", Duration.ofMillis(10)));
            assertThrows(NoSuchElementException.class, () -> pool.getResult("nope", Duration.ofMillis(10)));

            Gate gate = Gate.create();
            pool.submitTask("slow", waitFor(gate));
            pool.submitTask("other", square(3));
            assertEquals(9, (Integer) pool.getResult("other", Duration.ofSeconds(30)));
            long t0 = System.nanoTime();
            assertThrows(TimeoutException.class, () -> pool.getResult("slow", Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "the timeout covers the whole wait");
            gate.open();
            assertEquals(true, pool.getResult("slow", Duration.ofSeconds(30)));

            pool.submitTask("bad", failing("by id"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.getResult("bad", Duration.ofSeconds(30)));
            assertTrue(e.getCause().getMessage().contains("by id"));
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void cancel_racingWithCompletion_endsEveryTaskExactlyOnce(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(pool.submit((Callable<Integer>) square(i)));
                if (i % 3 == 0) {
                    futures.get(i / 2).cancel(i % 2 == 0);
                }
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            Counts c = pool.metrics().counts();
            assertEquals(400, c.submitted());
            assertEquals(400, c.ended(), c.toString());
            assertTrue(c.addsUp());
            long cancelledFutures = futures.stream().filter(Future::isCancelled).count();
            assertEquals(cancelledFutures, c.cancelled());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void resize_growsAndShrinksWhileBusy_withoutLosingTasks(String kind) throws Exception {
        // a pool that joined a cluster refuses to resize it (Hazelcast cannot change an executor's size);
        // ClusterPoolTest resizes a pool that started its members, by whole members
        Assumptions.assumeFalse(kind.equals("cluster"), "the contract's cluster pools join a cluster");
        WorkerPool pool = Pools.create(kind, 1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit((Callable<Integer>) square(i)));
                if (i == 50) {
                    pool.resize(3);
                    assertEquals(3, pool.workers());
                }
                if (i == 150) {
                    pool.resize(1);
                    assertEquals(1, pool.workers());
                }
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(i * i, futures.get(i).get(30, TimeUnit.SECONDS));
            }
            assertThrows(IllegalArgumentException.class, () -> pool.resize(0));
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void countsAddUp_withManyConcurrentSubmitters(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        int threads = 6;
        int perThread = kind.equals("process") ? 300 : 3000;
        try {
            List<Thread> submitters = new ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                int seed = t;
                submitters.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            Future<Integer> f = pool.submit((Callable<Integer>) square(i));
                            if ((i + seed) % 11 == 0) {
                                f.cancel(true);
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            for (Thread t : submitters) {
                t.join(60_000);
            }
            assertTrue(errors.isEmpty(), errors.toString());
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            Counts c = pool.metrics().counts();
            assertEquals((long) threads * perThread, c.submitted());
            assertEquals(c.submitted(), c.succeeded() + c.cancelled(), c.toString());
            assertTrue(c.addsUp());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void toString_reportsKindAndState(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            String s = pool.toString();
            assertTrue(s.contains(kind) && s.contains("running"), s);
        } finally {
            Pools.closeAndCheck(pool);
        }
        assertTrue(pool.toString().contains("terminated"), pool.toString());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void futureOfCancelledTask_throwsCancellation(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 1);
        try {
            Gate gate = Gate.create();
            pool.submit((Callable<Boolean>) waitFor(gate));
            Future<Integer> queued = pool.submit((Callable<Integer>) square(4));
            assertTrue(queued.cancel(false));
            gate.open();
            assertThrows(CancellationException.class, queued::get);
            assertFalse(pool.isShutdown());
            String names = PoolRegistry.standard().kinds().stream().map(PoolKind::name).collect(Collectors.joining(","));
            assertTrue(names.contains(kind));
            assertInstanceOf(WorkerPool.class, pool);
        } finally {
            Pools.closeAndCheck(pool);
        }
    }
}
