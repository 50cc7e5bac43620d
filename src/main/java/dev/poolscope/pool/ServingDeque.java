package dev.poolscope.pool;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Function;

/**
 * An {@link ArrayDeque} of queued tasks that serves them in their pool's
 * {@link QueueOrder}: {@code pollFirst} yields the next task to serve and
 * {@code addFirst} puts a task back at the very front. The order is read from
 * the first task added ({@link PoolConfig#queueOrder()} of its pool); for
 * {@link QueueOrder#FIFO} it behaves exactly as a plain {@code ArrayDeque}.
 * Not thread-safe, like {@code ArrayDeque}: its owner guards it.
 *
 * <p>Only the methods a pool's bookkeeping uses are ordered: {@code addLast},
 * {@code add}, {@code offerLast}, {@code addFirst}, {@code pollFirst},
 * {@code poll}, {@code peekFirst}, {@code size}, {@code isEmpty},
 * {@code iterator}, {@code clear}, {@code remove(Object)} and {@link #pollOldest()}.
 *
 * @param <E> the queued element; {@code task} tells its {@link ObservedTask}
 */
public final class ServingDeque<E> extends ArrayDeque<E> {
    private static final long serialVersionUID = 1L;

    private final transient Function<? super E, ObservedTask<?>> task;
    private transient TaskHeap<E> heap; // null until the first non-FIFO task arrives, and for FIFO

    /** A deque that finds each element's task with {@code task}. */
    public ServingDeque(Function<? super E, ObservedTask<?>> task) {
        this.task = task;
    }

    private boolean ordered(E e) {
        if (heap == null && super.isEmpty() && e != null) {
            QueueOrder o = task.apply(e).pool.config().queueOrder();
            if (o != QueueOrder.FIFO) {
                heap = new TaskHeap<>(o, task);
            }
        }
        return heap != null;
    }

    @Override
    public void addLast(E e) {
        if (ordered(e)) {
            heap.add(e);
        } else {
            super.addLast(e);
        }
    }

    @Override
    public boolean offerLast(E e) {
        addLast(e);
        return true;
    }

    @Override
    public boolean add(E e) {
        addLast(e);
        return true;
    }

    @Override
    public boolean offer(E e) {
        addLast(e);
        return true;
    }

    @Override
    public void addFirst(E e) {
        if (ordered(e)) {
            heap.addFront(e);
        } else {
            super.addFirst(e);
        }
    }

    @Override
    public E pollFirst() {
        return heap != null ? heap.poll() : super.pollFirst();
    }

    @Override
    public E poll() {
        return pollFirst();
    }

    @Override
    public E peekFirst() {
        return heap != null ? heap.peek() : super.peekFirst();
    }

    @Override
    public E peek() {
        return peekFirst();
    }

    /** Removes and returns the element submitted first (whatever the order), or null. */
    public E pollOldest() {
        return heap != null ? heap.pollOldest() : super.pollFirst();
    }

    @Override
    public int size() {
        return heap != null ? heap.size() : super.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Iterator<E> iterator() {
        return heap != null ? heap.iterator() : super.iterator();
    }

    @Override
    public void clear() {
        if (heap != null) {
            heap.clear();
        }
        super.clear();
    }

    @Override
    public boolean remove(Object o) {
        return heap != null ? heap.remove(o) : super.remove(o);
    }
}
