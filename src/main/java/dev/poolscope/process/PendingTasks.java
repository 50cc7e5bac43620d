package dev.poolscope.process;

import dev.poolscope.pool.ServingDeque;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The process pool's central queue: tasks submitted and encoded but not yet
 * sent to a worker. The one place that decides which pending task is sent
 * next, in the pool's queue order ({@link ServingDeque}). Not thread-safe: the supervisor's lock
 * guards it.
 *
 * <p>A task a dead worker provably never started is {@linkplain #putBack put
 * back}: it is sent before every other pending task, since it already waited.
 */
final class PendingTasks implements Iterable<TaskCodec.EncodedTask> {
    private final ServingDeque<TaskCodec.EncodedTask> tasks = new ServingDeque<>(TaskCodec.EncodedTask::task);

    /** Adds a newly submitted task. */
    void add(TaskCodec.EncodedTask task) {
        tasks.addLast(task);
    }

    /** Removes and returns the task to send next, or null if none is pending. */
    TaskCodec.EncodedTask next() {
        return tasks.pollFirst();
    }

    /** Removes and returns the oldest pending task (the one a discard-oldest policy drops), or null. */
    TaskCodec.EncodedTask pollOldest() {
        return tasks.pollOldest();
    }

    /** Puts a task back to be sent before every other pending one. */
    void putBack(TaskCodec.EncodedTask task) {
        tasks.addFirst(task);
    }

    int size() {
        return tasks.size();
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** Removes every pending task and returns them, in the order they would have been sent. */
    List<TaskCodec.EncodedTask> drain() {
        List<TaskCodec.EncodedTask> all = new ArrayList<>(tasks);
        tasks.clear();
        return all;
    }

    /** The pending tasks in the order they would be sent. */
    @Override
    public Iterator<TaskCodec.EncodedTask> iterator() {
        return tasks.iterator();
    }
}
