package dev.poolscope.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueueOrderTest {

    /** A task that records its name when served and says its priority and size. */
    record Job(String name, int priority, long expectedNanos, List<String> served) implements TaskCallable<String>, TaskTraits {
        @Override
        public String call() {
            served.add(name);
            return name;
        }
    }

    /** Five jobs: a (prio 1, 50), b (prio 3, 10), c (prio 2, 40), d (prio 3, 30), e (prio 0, 20), submitted in that order. */
    private static List<String> servedOrder(String kind, QueueOrder order) throws Exception {
        WorkerPool pool = PoolRegistry.standard().create(kind, PoolConfig.of(1).withQueueOrder(order));
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            pool.submit(() -> {
                started.countDown();
                return release.await(20, TimeUnit.SECONDS);
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            List<Future<String>> fs = new ArrayList<>();
            fs.add(pool.submit(new Job("a", 1, 50, served)));
            fs.add(pool.submit(new Job("b", 3, 10, served)));
            fs.add(pool.submit(new Job("c", 2, 40, served)));
            fs.add(pool.submit(new Job("d", 3, 30, served)));
            fs.add(pool.submit(new Job("e", 0, 20, served)));
            release.countDown();
            for (Future<String> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            var c = pool.metrics().counts();
            assertEquals(6, c.submitted());
            assertEquals(6, c.succeeded());
            return List.copyOf(served);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "fixed,   fifo,     a b c d e",
            "fixed,   lifo,     e d c b a",
            "fixed,   priority, b d c a e",
            "fixed,   shortest, b e d c a",
            "virtual, fifo,     a b c d e",
            "virtual, lifo,     e d c b a",
            "virtual, priority, b d c a e",
            "virtual, shortest, b e d c a"})
    void oneWorker_servesQueuedTasksInTheDisciplinesOrder(String kind, String order, String expected) throws Exception {
        assertEquals(List.of(expected.split(" ")), servedOrder(kind, QueueOrder.parse(order)));
    }

    @Test
    void discardOldest_dropsTheTaskThatWaitedLongest_whateverTheOrder() throws Exception {
        PoolConfig cfg = PoolConfig.of(1).withQueue(2, RejectionPolicy.DISCARD_OLDEST).withQueueOrder(QueueOrder.LIFO);
        WorkerPool pool = PoolRegistry.standard().create("fixed", cfg);
        List<String> served = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            pool.submit(() -> {
                started.countDown();
                return release.await(20, TimeUnit.SECONDS);
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Future<String> a = pool.submit(new Job("a", 0, 1, served));
            pool.submit(new Job("b", 0, 1, served));
            pool.submit(new Job("c", 0, 1, served)); // full: a, the oldest, goes
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(List.of("c", "b"), served);
            assertThrows(java.util.concurrent.ExecutionException.class, a::get);
            var c = pool.metrics().counts();
            assertEquals(4, c.submitted());
            assertEquals(1, c.rejected());
            assertEquals(3, c.succeeded());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void servingDeque_ordersWhatAProcessPoolQueues_andPutsBackAtTheFront() {
        WorkerPool pool = PoolRegistry.standard().create("fixed", PoolConfig.of(1).withQueueOrder(QueueOrder.SHORTEST));
        try {
            List<String> none = new ArrayList<>();
            ServingDeque<ObservedTask<?>> q = new ServingDeque<>(t -> t);
            ObservedTask<String> big = pool.newTask(new Job("big", 0, 300, none));
            ObservedTask<String> small = pool.newTask(new Job("small", 0, 100, none));
            ObservedTask<String> mid = pool.newTask(new Job("mid", 0, 200, none));
            q.addLast(big);
            q.addLast(small);
            q.addLast(mid);
            assertEquals(3, q.size());
            assertEquals(small, q.pollFirst());
            q.addFirst(small); // put back (its worker died): served next
            assertEquals(small, q.pollFirst());
            assertEquals(mid, q.pollFirst());
            assertEquals(big, q.pollOldest());
            assertTrue(q.isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKindWithoutACentralQueue_refusesAnOrder_namingTheKindsThatTakeOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                PoolRegistry.standard().create("forkjoin", PoolConfig.of(1).withQueueOrder(QueueOrder.LIFO)));
        assertTrue(e.getMessage().contains("fixed, virtual, process"), e.getMessage());
    }
}
