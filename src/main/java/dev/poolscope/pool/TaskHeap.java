package dev.poolscope.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The queued tasks of a pool in the order its {@link QueueOrder} serves them.
 * Not thread-safe: its owners ({@link OrderedBlockingQueue}, {@link ServingDeque})
 * guard it.
 *
 * <p>Tasks put back at the front ({@link #addFront}, e.g. after a worker
 * died before it could run them) are served before all others, in the order
 * they were put back. {@link #pollOldest()} takes the task submitted first,
 * whatever the order (discard-oldest drops that one).
 *
 * @param <E> the queued element; {@code task} tells its {@link ObservedTask}
 */
final class TaskHeap<E> implements Iterable<E> {
    private final QueueOrder order;
    private final Function<? super E, ObservedTask<?>> task;
    private final ArrayDeque<E> front = new ArrayDeque<>();
    private final ArrayDeque<E> line;          // FIFO and LIFO
    private final PriorityQueue<E> heap;       // PRIORITY and SHORTEST

    TaskHeap(QueueOrder order, Function<? super E, ObservedTask<?>> task) {
        this.order = order;
        this.task = task;
        Comparator<ObservedTask<?>> c = order.comparator();
        if (c == null) {
            line = new ArrayDeque<>();
            heap = null;
        } else {
            line = null;
            heap = new PriorityQueue<>(Comparator.comparing(task, c));
        }
    }

    void add(E e) {
        if (heap != null) {
            heap.add(e);
        } else {
            line.addLast(e);
        }
    }

    void addFront(E e) {
        front.addFirst(e);
    }

    /** The next task to serve, or null. */
    E poll() {
        E e = front.pollFirst();
        if (e != null) {
            return e;
        }
        if (heap != null) {
            return heap.poll();
        }
        return order == QueueOrder.LIFO ? line.pollLast() : line.pollFirst();
    }

    E peek() {
        E e = front.peekFirst();
        if (e != null) {
            return e;
        }
        if (heap != null) {
            return heap.peek();
        }
        return order == QueueOrder.LIFO ? line.peekLast() : line.peekFirst();
    }

    /** Removes and returns the task submitted first, or null. */
    E pollOldest() {
        E oldest = null;
        long min = Long.MAX_VALUE;
        for (E e : this) {
            long id = task.apply(e).id();
            if (oldest == null || id < min) {
                oldest = e;
                min = id;
            }
        }
        if (oldest != null) {
            remove(oldest);
        }
        return oldest;
    }

    boolean remove(Object o) {
        if (front.remove(o)) {
            return true;
        }
        return heap != null ? heap.remove(o) : line.removeFirstOccurrence(o);
    }

    int size() {
        return front.size() + (heap != null ? heap.size() : line.size());
    }

    void clear() {
        front.clear();
        if (heap != null) {
            heap.clear();
        } else {
            line.clear();
        }
    }

    /** All queued elements (no particular order), as a copy. */
    List<E> toList() {
        List<E> all = new ArrayList<>(size());
        all.addAll(front);
        all.addAll(heap != null ? heap : line);
        return all;
    }

    /** Iterates over a copy; {@code remove} on it removes from this heap. */
    @Override
    public Iterator<E> iterator() {
        return iterator(toList(), this::remove);
    }

    /** An iterator over {@code copy} whose {@code remove} calls {@code remove} with the last element returned. */
    static <E> Iterator<E> iterator(List<E> copy, java.util.function.Consumer<? super E> remove) {
        Iterator<E> it = copy.iterator();
        return new Iterator<>() {
            E last;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public E next() {
                last = it.next();
                return last;
            }

            @Override
            public void remove() {
                remove.accept(last);
            }
        };
    }
}
