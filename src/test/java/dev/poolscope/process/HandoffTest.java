package dev.poolscope.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(30)
class HandoffTest {

    @Test
    void itemsFromSeveralProducersReachTheConsumerOnceEachAndInOrderPerProducer() throws Exception {
        Handoff<long[]> h = new Handoff<>(10_000);
        int producers = 3;
        int each = 50_000;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long who = p;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    h.add(new long[] {who, i});
                }
            }));
        }
        long[] next = new long[producers];
        for (int n = 0; n < producers * each; n++) {
            long[] item = h.take();
            assertEquals(next[(int) item[0]], item[1], "producer " + item[0] + "'s items arrive in order");
            next[(int) item[0]]++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(h.poll(), "nothing is left over");
    }

    @Test
    void aParkedConsumerWakesWhenAnItemArrives() throws Exception {
        Handoff<String> h = new Handoff<>(0);
        CompletableFuture<String> got = new CompletableFuture<>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                got.complete(h.take());
            } catch (InterruptedException e) {
                got.completeExceptionally(e);
            }
        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (consumer.getState() != Thread.State.WAITING && System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, consumer.getState(), "the consumer parks when nothing is waiting");
        h.add("late");
        assertEquals("late", got.get(10, TimeUnit.SECONDS));
        consumer.join();
    }

    @Test
    void anInterruptedConsumerStopsWaiting() throws Exception {
        Handoff<String> h = new Handoff<>(1_000);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                h.take();
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        consumer.interrupt();
        assertInstanceOf(InterruptedException.class, thrown.get(10, TimeUnit.SECONDS));
        consumer.join();
    }
}
