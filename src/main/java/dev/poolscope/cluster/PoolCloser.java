package dev.poolscope.cluster;

import dev.poolscope.cluster.MemberSlot.Pending;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Shuts a {@link ClusterWorkerPool} down: marks it shut down, takes back what
 * was never sent on {@code shutdownNow}, and once nothing is outstanding closes
 * its client and stops the members it started.
 *
 * <p>Methods documented "under the lock" must be called holding the pool's
 * {@link ClusterWorkerPool#lock}; the others take it themselves and must be
 * called without it.
 */
final class PoolCloser {
    private final ClusterWorkerPool pool;

    /** The most queued tasks {@link #takeBackUnstarted} asks members about. */
    static final int MAX_TAKEN_BACK = 4096;

    PoolCloser(ClusterWorkerPool pool) {
        this.pool = pool;
    }

    /** Marks the pool shut down; it closes once nothing is outstanding. */
    void shutdown() {
        pool.lock.lock();
        try {
            pool.shutdown = true;
            maybeTerminate();
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
    }

    /**
     * Marks the pool shut down, takes the tasks waiting for a member off the
     * list (they stop counting) and adds the tasks on members to {@code held}.
     *
     * @return the tasks that were waiting, never sent
     */
    List<Runnable> takeForShutdownNow(List<Pending> held) {
        List<Runnable> never = new ArrayList<>();
        pool.lock.lock();
        try {
            pool.shutdown = true;
            for (Pending p; (p = pool.waiting.pollFirst()) != null; ) {
                p.settled = true;
                pool.byId.remove(p.task.id());
                pool.outstanding--;
                never.add(p.task);
            }
            for (MemberSlot s : pool.slots) {
                held.addAll(s.held.values());
            }
        } finally {
            pool.lock.unlock();
        }
        return never;
    }

    /**
     * Not under the lock: of the tasks on members, those their member
     * confirms it has not started ({@link CancelMark}, asked of all at once);
     * they will never start there.
     */
    List<Runnable> takeBackUnstarted(List<Pending> held) {
        List<Pending> asked = new ArrayList<>();
        List<java.util.concurrent.Future<Boolean>> answers = new ArrayList<>();
        for (Pending p : held) {
            MemberSlot s = p.slot;
            com.hazelcast.cluster.Member m = s == null ? null : s.member;
            if (m == null || p.startRecorded || p.task.isDone() || asked.size() >= MAX_TAKEN_BACK) {
                continue;
            }
            try {
                answers.add(pool.reports.submitToMember(new CancelMark(pool.run, p.task.id()), m));
                asked.add(p);
            } catch (RuntimeException e) {
                // the member is gone: the loss handling settles its tasks
            }
        }
        List<Runnable> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < asked.size(); i++) {
            try {
                if (answers.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    out.add(asked.get(i).task);
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                // no answer: the task is cancelled as a running one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out;
    }

    /** Settles the tasks of {@code held} that no reply has settled yet (after they were cancelled). */
    void settleCancelled(List<Pending> held) {
        pool.lock.lock();
        try {
            for (Pending p : held) {
                if (!p.settled) {
                    pool.replies.settle(p, new ArrayList<>());
                    pool.replies.finishIfStarted(p, System.nanoTime());
                }
            }
            maybeTerminate();
        } finally {
            pool.lock.unlock();
        }
    }

    /** Under the lock: once shut down with nothing outstanding, closes the client and stops the members (on a thread of its own). */
    void maybeTerminate() {
        if (pool.shutdown && pool.outstanding == 0 && !pool.closing) {
            pool.closing = true;
            Thread t = new Thread(this::closeNow, "cluster-pool-close");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Closes the client, stops the members the pool started (killing those that do not exit in 5 s) and marks the pool terminated. */
    void closeNow() {
        pool.ticker.shutdownNow();
        if (pool.client != null) {
            try {
                pool.client.shutdown();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        List<MemberProcess> procs = new ArrayList<>(pool.starter.all());
        for (MemberProcess p : procs) {
            p.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (MemberProcess p : procs) {
            try {
                if (!p.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.kill();
                }
            } catch (InterruptedException e) {
                p.kill();
                Thread.currentThread().interrupt();
            }
        }
        for (MemberProcess p : procs) {
            try {
                p.process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pool.closed();
        pool.lock.lock();
        try {
            pool.terminated = true;
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
    }
}
