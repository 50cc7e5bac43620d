package dev.poolscope.cluster;

import dev.poolscope.cluster.MemberSlot.Standing;
import dev.poolscope.pool.ClusterTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Resizes a {@link ClusterWorkerPool} by whole members (Hazelcast cannot
 * change an executor's size) and retires the slots it no longer needs.
 *
 * <p>Methods documented "under the lock" must be called holding the pool's
 * {@link ClusterWorkerPool#lock}; the others take it themselves and must be
 * called without it.
 */
final class MemberResizer {
    private final ClusterWorkerPool pool;

    MemberResizer(ClusterWorkerPool pool) {
        this.pool = pool;
    }

    /**
     * Sets the pool's thread count to {@code workers}: starts the members it
     * lacks and retires the newest members beyond it (each once it holds no task).
     *
     * @throws RejectedExecutionException if the pool is shut down
     * @throws IllegalArgumentException if the pool joined a cluster it did not start, its members
     *         have unequal thread counts, or {@code workers} is not a whole number of members
     */
    void resize(int workers) {
        List<MemberSlot> add = new ArrayList<>();
        pool.lock.lock();
        try {
            if (pool.shutdown) {
                throw new RejectedExecutionException("pool 'cluster' is shut down");
            }
            if (pool.target.joins()) {
                throw new IllegalArgumentException("pool 'cluster' cannot resize a cluster it joined: Hazelcast cannot "
                        + "change an executor's size; start or stop members with 'poolscope member'");
            }
            int each = pool.slots.get(0).threads;
            if (pool.slots.stream().anyMatch(s -> s.threads != each) || workers % each != 0
                    || workers / each > ClusterTarget.MAX_MEMBERS) {
                throw new IllegalArgumentException("pool 'cluster' resizes by whole members of " + each
                        + " thread(s) (Hazelcast cannot change an executor's size): workers must be a multiple of "
                        + each + " up to " + each * ClusterTarget.MAX_MEMBERS + ", was " + workers);
            }
            int want = workers / each;
            while (pool.slots.size() < want) {
                add.add(pool.newStartedSlot(each));
            }
            for (int i = pool.slots.size() - 1; i >= 0 && pool.slots.size() - countRetiring() > want; i--) {
                MemberSlot s = pool.slots.get(i);
                if (s.standing != Standing.RETIRING) {
                    s.standing = Standing.RETIRING;
                    if (s.held.isEmpty()) {
                        retire(s);
                    }
                }
            }
            pool.targetThreads = workers;
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
        for (MemberSlot s : add) {
            pool.starter.grow(s);
        }
    }

    /** Under the lock: the slots being retired. */
    private int countRetiring() {
        int n = 0;
        for (MemberSlot s : pool.slots) {
            if (s.standing == Standing.RETIRING) {
                n++;
            }
        }
        return n;
    }

    /** Under the lock: the slot leaves; its member is asked to exit. */
    void retire(MemberSlot s) {
        s.standing = Standing.RETIRED;
        pool.slots.remove(s);
        pool.retiredSlots.add(s);
        s.recorder.retire();
        if (s.process != null) {
            s.process.stop();
        }
    }
}
