package dev.poolscope.pool;

import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A bounded or unbounded {@link BlockingQueue} of tasks that serves them in a
 * {@link QueueOrder} other than FIFO (for FIFO pools use a
 * {@code LinkedBlockingQueue}): one lock, a {@link TaskHeap}, and the
 * not-empty and not-full conditions of {@code ArrayBlockingQueue}.
 * {@link #pollOldest()} takes the task submitted first, whatever the order.
 * Its iterator walks a copy.
 *
 * @param <E> the queued element; {@code task} tells its {@link ObservedTask}
 */
final class OrderedBlockingQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
    private final TaskHeap<E> heap;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();

    OrderedBlockingQueue(QueueOrder order, int capacity, Function<? super E, ObservedTask<?>> task) {
        this.heap = new TaskHeap<>(order, task);
        this.capacity = capacity;
    }

    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e);
        lock.lock();
        try {
            if (heap.size() >= capacity) {
                return false;
            }
            heap.add(e);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(e);
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (heap.size() >= capacity) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            heap.add(e);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(E e) throws InterruptedException {
        Objects.requireNonNull(e);
        lock.lockInterruptibly();
        try {
            while (heap.size() >= capacity) {
                notFull.await();
            }
            heap.add(e);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll() {
        lock.lock();
        try {
            return taken(heap.poll());
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the task submitted first, or null if none is queued. */
    E pollOldest() {
        lock.lock();
        try {
            return taken(heap.pollOldest());
        } finally {
            lock.unlock();
        }
    }

    private E taken(E e) {
        if (e != null) {
            notFull.signal();
        }
        return e;
    }

    @Override
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            E e;
            while ((e = heap.poll()) == null) {
                notEmpty.await();
            }
            return taken(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            E e;
            while ((e = heap.poll()) == null) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return taken(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E peek() {
        lock.lock();
        try {
            return heap.peek();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return heap.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            return capacity == Integer.MAX_VALUE ? Integer.MAX_VALUE : capacity - heap.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(Object o) {
        lock.lock();
        try {
            boolean removed = heap.remove(o);
            if (removed) {
                notFull.signal();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c);
        lock.lock();
        try {
            int n = 0;
            E e;
            while (n < maxElements && (e = heap.poll()) != null) {
                c.add(e);
                n++;
            }
            if (n > 0) {
                notFull.signalAll();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Iterator<E> iterator() {
        List<E> copy;
        lock.lock();
        try {
            copy = heap.toList();
        } finally {
            lock.unlock();
        }
        return TaskHeap.iterator(copy, this::remove);
    }
}
