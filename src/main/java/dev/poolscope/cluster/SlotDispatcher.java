package dev.poolscope.cluster;

import dev.poolscope.cluster.MemberSlot.Pending;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * Gives a {@link ClusterWorkerPool}'s tasks to its member slots: counts them
 * outstanding, picks the least loaded member that takes tasks (or the waiting
 * list when none does) and sends them to their member.
 *
 * <p>Methods documented "under the lock" must be called holding the pool's
 * {@link ClusterWorkerPool#lock}; {@link #send} must be called without it.
 */
final class SlotDispatcher {
    /**
     * Runs a reply's callback on the thread that completes the future (the
     * client's response thread, or the sender if the reply was already in).
     * Hazelcast's plain {@code whenComplete} hands callbacks to its default
     * executor, which is a new thread per callback when the common pool has
     * one thread (two cores or fewer). The callbacks take the pool's lock
     * briefly and never block otherwise.
     */
    static final Executor DIRECT = Runnable::run;
    private final ClusterWorkerPool pool;

    SlotDispatcher(ClusterWorkerPool pool) {
        this.pool = pool;
    }

    /** What {@link #tryAdmit} did with a task. */
    enum Admission { ADMITTED, FULL, OVER }

    /**
     * Admits the task if the pool is neither terminated nor closing and has
     * room, then sends it if it got a member. Takes the lock itself.
     *
     * @return {@code OVER} if the pool is terminated or closing, {@code FULL} if it has no room
     */
    Admission tryAdmit(Pending p) {
        boolean full = false;
        boolean over;
        pool.lock.lock();
        try {
            over = pool.terminated || pool.closing;
            if (!over) {
                if (hasRoom()) {
                    admit(p);
                } else {
                    full = true;
                }
            }
        } finally {
            pool.lock.unlock();
        }
        if (over) {
            return Admission.OVER;
        } else if (full) {
            return Admission.FULL;
        }
        if (p.slot != null) {
            send(p);
        }
        return Admission.ADMITTED;
    }

    /** Under the lock: room for one more outstanding task. */
    boolean hasRoom() {
        return pool.outstanding < (long) pool.targetThreads + pool.config().queueCapacity();
    }

    /** Under the lock: counts the task outstanding and gives it to a member, or to the waiting list. */
    void admit(Pending p) {
        pool.outstanding++;
        pool.byId.put(p.task.id(), p);
        assign(p);
    }

    /** Under the lock: the least loaded member that takes tasks, or the waiting list. */
    void assign(Pending p) {
        MemberSlot best = null;
        for (MemberSlot s : pool.slots) {
            if (s.takes() && (best == null || s.load() < best.load())) {
                best = s;
            }
        }
        if (best == null) {
            p.slot = null;
            pool.waiting.addLast(p);
            return;
        }
        p.slot = best;
        p.seq = pool.sendSeq++;
        best.held.put(p.seq, p);
    }

    /** Under the lock: gives waiting tasks to members that take them, adding them to {@code send}. */
    void drainWaiting(List<Pending> send) {
        while (!pool.waiting.isEmpty() && pool.slots.stream().anyMatch(MemberSlot::takes)) {
            Pending p = pool.waiting.pollFirst();
            assign(p);
            send.add(p);
        }
    }

    /**
     * Waits up to {@code nanos} for room, then admits the task; sends it if it
     * got a member. Takes the lock itself.
     *
     * @return false if no room came in time or the pool shut down
     */
    boolean offer(Pending p, long nanos) throws InterruptedException {
        pool.lock.lock();
        try {
            while (!hasRoom()) {
                if (nanos <= 0 || pool.shutdown) {
                    return false;
                }
                nanos = pool.changed.awaitNanos(nanos);
            }
            admit(p);
        } finally {
            pool.lock.unlock();
        }
        if (p.slot != null) {
            send(p);
        }
        return true;
    }

    /** Takes the oldest task waiting for a member off the list (it stops counting), or null. Takes the lock itself. */
    Pending pollWaiting() {
        pool.lock.lock();
        try {
            Pending p = pool.waiting.pollFirst();
            if (p == null) {
                return null;
            }
            p.settled = true;
            pool.byId.remove(p.task.id());
            pool.outstanding--;
            return p;
        } finally {
            pool.lock.unlock();
        }
    }

    /** Not under the lock: sends a task to the member of its slot; the reply settles it. */
    void send(Pending p) {
        MemberSlot s = p.slot;
        Future<EnvelopeResult> f;
        try {
            f = pool.executor.submitToMember(new TaskEnvelope(pool.run, p.task.id(), p.body), s.member);
        } catch (RuntimeException e) {
            pool.replies.replied(p, null, e);
            return;
        }
        p.future = f;
        if (p.task.isDone()) {
            f.cancel(true); // cancelled while it was being sent
        }
        ((CompletionStage<EnvelopeResult>) f).whenCompleteAsync((r, e) -> pool.replies.replied(p, r, e), DIRECT);
    }
}
