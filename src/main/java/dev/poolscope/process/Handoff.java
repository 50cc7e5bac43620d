package dev.poolscope.process;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A queue from any number of producers to one consumer thread that waits for
 * its next item by spinning briefly, then parking. Unlike a
 * {@code LinkedBlockingQueue}, a producer takes no lock and wakes the
 * consumer only when it is parked, so a stream of items costs no lock
 * hand-overs between the two threads.
 *
 * @param <T> the items
 */
final class Handoff<T> {
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final long spinNanos;
    /** The consumer while it is parked (or about to park), else null. */
    private volatile Thread parked;

    /** @param spinNanos how long {@link #take()} spins for an item before it parks */
    Handoff(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /** Adds an item and wakes the consumer if it is parked. Any thread. */
    void add(T item) {
        items.offer(item);
        Thread t = parked;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The next item, or null if none is waiting. Consumer thread only. */
    T poll() {
        return items.poll();
    }

    /**
     * The next item: spins up to the spin time for one, then parks until one
     * arrives. Consumer thread only.
     *
     * @throws InterruptedException if the consumer is interrupted while parked
     */
    T take() throws InterruptedException {
        T item = items.poll();
        if (item != null) {
            return item;
        }
        long end = System.nanoTime() + spinNanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
            item = items.poll();
            if (item != null) {
                return item;
            }
        }
        Thread me = Thread.currentThread();
        parked = me;
        try {
            while ((item = items.poll()) == null) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.park(this);
            }
            return item;
        } finally {
            parked = null;
        }
    }
}
