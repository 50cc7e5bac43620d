package dev.poolscope.process;

import dev.poolscope.pool.ObservedTask;

import java.util.ArrayList;
import java.util.List;

/**
 * How a submitted task enters the process pool: it is encoded outside the
 * lock (a task that cannot be sent fails at once), then added to the
 * {@link PendingTasks} if the queue has room or a worker can take it now, and
 * sent by {@link WorkerSupervisor#pump}; the writes happen after the lock.
 */
final class TaskAdmission {
    /** What became of a task given to {@link #admit}. */
    enum Admitted {
        /** Queued or sent (or failed at once, being unsendable). */
        QUEUED,
        /** Workers could not start: the caller fails the task with the supervisor's start failure. */
        START_FAILED,
        /** The pool has terminated: the caller rejects it. */
        TERMINATED,
        /** The queue is full and no worker has room: the caller applies the rejection policy. */
        FULL
    }

    private final WorkerSupervisor sup;

    TaskAdmission(WorkerSupervisor sup) {
        this.sup = sup;
    }

    /** Queues the task without waiting, unless the pool cannot take it (see {@link Admitted}). */
    Admitted admit(ObservedTask<?> task, int capacity) {
        TaskCodec.EncodedTask job = sup.encode(task);
        if (job == null) {
            return Admitted.QUEUED; // failed at once: handled
        }
        List<Runnable> after = new ArrayList<>();
        Admitted result;
        sup.lock.lock();
        try {
            if (sup.startFailure != null) {
                result = Admitted.START_FAILED;
            } else if (sup.terminated) {
                result = Admitted.TERMINATED;
            } else if (sup.queue.size() < capacity || sup.hasRoom()) {
                sup.queue.add(job);
                sup.pump(after);
                result = Admitted.QUEUED;
            } else {
                result = Admitted.FULL;
            }
        } finally {
            sup.lock.unlock();
        }
        after.forEach(Runnable::run);
        return result;
    }

    /** Queues the task, waiting up to {@code nanos} for room; false if there was none (or the pool shut down). */
    boolean offer(ObservedTask<?> task, int capacity, long nanos) throws InterruptedException {
        TaskCodec.EncodedTask job = sup.encode(task);
        if (job == null) {
            return true; // failed at once: handled
        }
        List<Runnable> after = new ArrayList<>();
        sup.lock.lock();
        try {
            while (sup.queue.size() >= capacity && !sup.hasRoom()) {
                if (nanos <= 0 || sup.shutdown) {
                    return false;
                }
                nanos = sup.changed.awaitNanos(nanos);
            }
            sup.queue.add(job);
            sup.pump(after);
            return true;
        } finally {
            sup.lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /** Removes the oldest pending task (for a discard-oldest policy), or null. */
    ObservedTask<?> pollOldest() {
        sup.lock.lock();
        try {
            TaskCodec.EncodedTask j = sup.queue.pollOldest();
            return j == null ? null : j.task();
        } finally {
            sup.lock.unlock();
        }
    }
}
