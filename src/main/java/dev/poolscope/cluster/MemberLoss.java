package dev.poolscope.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.poolscope.cluster.MemberSlot.Pending;
import dev.poolscope.cluster.MemberSlot.Standing;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows a {@link ClusterWorkerPool}'s membership: a member that leaves
 * fails only the tasks it may have been running, the rest of what it held is
 * sent to other members, and a member the pool started is replaced in the
 * same slot; members that join a joined cluster get slots of their own.
 *
 * <p>Every method takes the pool's {@link ClusterWorkerPool#lock} itself and
 * must be called without it.
 */
final class MemberLoss {
    private final ClusterWorkerPool pool;

    MemberLoss(ClusterWorkerPool pool) {
        this.pool = pool;
    }

    /** Called when a member leaves: fails what it may have been running, sends the rest elsewhere, replaces it. */
    void memberGone(MemberSlot s, String reason, Throwable cause) {
        List<Pending> failing = new ArrayList<>();
        List<Pending> send = new ArrayList<>();
        boolean replace;
        String who;
        long pid;
        pool.lock.lock();
        try {
            if (s.standing == Standing.DEAD || s.standing == Standing.RETIRED || s.standing == Standing.STARTING) {
                return;
            }
            boolean retiring = s.standing == Standing.RETIRING;
            who = s.describe();
            pid = s.pid;
            s.standing = Standing.DEAD;
            s.exitReasons.add(reason);
            int mayHaveStarted = Math.max(0, s.threads - s.lastRunning.size()) + s.endedSinceReport;
            List<Pending> held = new ArrayList<>(s.held.values());
            s.held.clear();
            s.showRunning();
            for (Pending p : held) {
                boolean ran = s.lastRunning.contains(p.task.id()) || p.startRecorded;
                if (!ran && mayHaveStarted > 0) {
                    mayHaveStarted--;
                    ran = true;
                }
                if (ran) {
                    failing.add(p);
                } else {
                    p.settled = true;
                    Pending again = new Pending(p.task, p.body);
                    pool.byId.put(p.task.id(), again);
                    pool.outstanding--;
                    pool.dispatcher.admit(again);
                    if (again.slot != null) {
                        send.add(again);
                    }
                }
            }
            for (Pending p : failing) {
                p.slot = s;
                settleLost(p);
            }
            replace = !retiring && !pool.shutdown && s.process != null;
            if (retiring) {
                pool.resizer.retire(s);
            }
            pool.changed.signalAll();
            pool.closer.maybeTerminate();
        } finally {
            pool.lock.unlock();
        }
        long now = System.nanoTime();
        for (Pending p : failing) {
            pool.replies.recordStart(p, Math.max(p.task.submitNanos(), Math.min(now, p.startLocal == 0 ? now : p.startLocal)));
            pool.replies.finishAsFailed(p, now);
            p.task.failRemote(new MemberLostException(who + " " + reason + " while the task may have been running on it", cause,
                    s.id, pid));
        }
        send.forEach(pool.dispatcher::send);
        if (replace) {
            pool.starter.replace(s, reason);
        }
    }

    /** Under the lock: a held task of a lost member stops counting. */
    private void settleLost(Pending p) {
        p.settled = true;
        pool.byId.remove(p.task.id(), p);
        pool.outstanding--;
        if (p.deadline != null) {
            p.deadline.cancel(false);
        }
    }

    /** Called when a member process the pool started has exited. */
    void memberExited(MemberSlot s, MemberProcess p, int code) {
        boolean current;
        pool.lock.lock();
        try {
            current = s.process == p && !pool.closing; // members stopped by the pool's close are no fault
        } finally {
            pool.lock.unlock();
        }
        if (current) {
            memberGone(s, MemberFaults.exitReason(code), null);
        }
    }

    /** Called by the starter when a replacement member has started in a slot: waits for it to join. */
    void replaced(MemberSlot s, MemberProcess p, String reason) {
        try {
            pool.joiner.awaitJoined(s, p);
        } catch (RuntimeException e) {
            p.kill();
            replacementFailed(s, String.valueOf(e.getMessage()));
            return;
        }
        pool.lock.lock();
        try {
            s.restarts++;
        } finally {
            pool.lock.unlock();
        }
        s.recorder.restarted(reason);
    }

    /** Called by the starter when a member added by a resize has started: waits for it to join. */
    void grown(MemberSlot s, MemberProcess p) {
        try {
            pool.joiner.awaitJoined(s, p);
        } catch (RuntimeException e) {
            p.kill();
            replacementFailed(s, String.valueOf(e.getMessage()));
        }
    }

    /** Called by the starter when no replacement could be started. */
    void replacementFailed(MemberSlot s, String why) {
        pool.lock.lock();
        try {
            s.exitReasons.add("no replacement: " + why);
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
    }

    /** Under the lock: the slot whose current member has this UUID, or null. */
    private MemberSlot slotOf(Member m) {
        for (MemberSlot s : pool.slots) {
            if (s.member != null && s.member.getUuid().equals(m.getUuid())) {
                return s;
            }
        }
        return null;
    }

    /** The listener to add to the pool's client. */
    MembershipListener listener() {
        return new Membership();
    }

    private final class Membership implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent e) {
            if (!pool.target.joins()) {
                return; // members the pool starts are opened by awaitJoined
            }
            List<Pending> send = new ArrayList<>();
            pool.lock.lock();
            try {
                if (pool.shutdown || slotOf(e.getMember()) != null) {
                    return;
                }
                MemberSlot s = pool.newSlot(pool.slots.isEmpty() ? 1 : pool.slots.get(0).threads,
                        e.getMember().getAddress().getHost() + ":" + e.getMember().getAddress().getPort());
                s.member = e.getMember();
                s.standing = Standing.UP;
                pool.targetThreads += s.threads;
                pool.dispatcher.drainWaiting(send);
            } finally {
                pool.lock.unlock();
            }
            send.forEach(pool.dispatcher::send);
        }

        @Override
        public void memberRemoved(MembershipEvent e) {
            MemberSlot s;
            pool.lock.lock();
            try {
                s = slotOf(e.getMember());
            } finally {
                pool.lock.unlock();
            }
            if (s != null) {
                memberGone(s, "left the cluster", null);
            }
        }
    }
}
