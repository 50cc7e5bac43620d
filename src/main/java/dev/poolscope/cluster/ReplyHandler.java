package dev.poolscope.cluster;

import com.hazelcast.cluster.Member;
import dev.poolscope.cluster.MemberSlot.Pending;
import dev.poolscope.cluster.MemberSlot.Standing;
import dev.poolscope.metrics.Outcome;
import dev.poolscope.pool.ObservedTask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Handles what a {@link ClusterWorkerPool}'s members send back: task replies
 * (which settle tasks and record their figures), the periodic member reports
 * (running tasks, process figures, clock offset) and the deadlines and
 * cancels of tasks on members.
 *
 * <p>Methods documented "under the lock" must be called holding the pool's
 * {@link ClusterWorkerPool#lock}; the others take it themselves and must be
 * called without it.
 */
final class ReplyHandler {
    private static final long CANCEL_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Longest wait for a member to answer a {@link CancelMark}. */
    private static final long MARK_WAIT_SECONDS = 10;
    /** Time between reports of an idle pool's members. */
    static final long IDLE_REPORT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final ClusterWorkerPool pool;
    /** Tasks cancelled or timed out while on a member, with when: a report that still lists one after the grace means it ignored the interrupt. */
    private final Map<Long, Long> cancelledAt = new ConcurrentHashMap<>();
    private final LongAccumulator maxStillRunning = new LongAccumulator(Math::max, 0);

    ReplyHandler(ClusterWorkerPool pool) {
        this.pool = pool;
    }

    /**
     * Under the lock: nothing for reports to follow (no task outstanding, no
     * cancelled task that may still run on a member).
     */
    boolean idle() {
        if (pool.outstanding > 0 || !cancelledAt.isEmpty()) {
            return false;
        }
        for (MemberSlot s : pool.slots) {
            if (s.stillRunningAfterCancel > 0) {
                return false;
            }
        }
        return true;
    }

    /** The most cancelled or timed-out tasks one report saw still running after the grace. */
    long maxStillRunning() {
        return maxStillRunning.get();
    }

    /** A task's reply (or its failure to be sent or answered) came back: settles and ends the task. */
    void replied(Pending p, EnvelopeResult r, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        MemberSlot s = p.slot;
        if (cause != null && !(cause instanceof CancellationException) && MemberFaults.memberGone(cause)) {
            pool.losses.memberGone(s, "left the cluster: " + cause.getClass().getSimpleName(), cause);
            return;
        }
        List<Pending> send = new ArrayList<>();
        pool.lock.lock();
        try {
            if (p.settled) {
                return;
            }
            settle(p, send);
            s.endedSinceReport++;
            s.tasks++;
        } finally {
            pool.lock.unlock();
        }
        send.forEach(pool.dispatcher::send);
        ObservedTask<?> t = p.task;
        long now = System.nanoTime();
        long timeoutNanos = pool.timeoutNanos;
        if (r != null) {
            long start = Math.max(t.submitNanos(), Math.min(now, s.toLocal(r.startNanos())));
            long end = Math.max(start, Math.min(now, s.toLocal(r.endNanos())));
            recordStart(p, start);
            boolean late = timeoutNanos > 0 && r.endNanos() - r.startNanos() > timeoutNanos;
            Outcome o = t.isDone() ? t.outcome() : late ? Outcome.TIMED_OUT
                    : r.failure() == null ? Outcome.SUCCEEDED : Outcome.FAILED;
            s.recorder.taskFinished(t.id(), t.submitNanos(), start, end, o);
            if (late) {
                t.timeOutRemote(timeoutMessage(s));
            } else if (r.failure() == null) {
                t.completeRemote(RunnableResult.localValue(t, r.value()));
            } else {
                t.failRemote(r.failure());
            }
        } else {
            finishIfStarted(p, now);
            if (!(cause instanceof CancellationException)) {
                t.failRemote(cause);
            }
        }
    }

    /** Under the lock: the task no longer counts as held; waiting tasks that now fit go to {@code send}. */
    void settle(Pending p, List<Pending> send) {
        p.settled = true;
        pool.byId.remove(p.task.id(), p);
        if (p.slot != null) {
            p.slot.held.remove(p.seq);
        }
        pool.outstanding--;
        if (p.deadline != null) {
            p.deadline.cancel(false);
        }
        pool.dispatcher.drainWaiting(send);
        MemberSlot s = p.slot;
        if (s != null) {
            s.showRunning(); // after the waiting tasks that now fit were given out, some perhaps to it
        }
        if (s != null && s.standing == Standing.RETIRING && s.held.isEmpty()) {
            pool.resizer.retire(s);
        }
        pool.changed.signalAll();
        pool.closer.maybeTerminate();
    }

    /** Records the task's start on its member's row, once. */
    void recordStart(Pending p, long startLocal) {
        synchronized (p) {
            if (!p.startRecorded) {
                p.startRecorded = true;
                p.startLocal = startLocal;
                p.slot.recorder.taskStarted(p.task.id(), startLocal);
            }
        }
    }

    /** Records the end of a task whose start was recorded (with its outcome, or failed if it has none yet). */
    void finishIfStarted(Pending p, long end) {
        synchronized (p) {
            if (p.startRecorded) {
                Outcome o = p.task.isDone() ? p.task.outcome() : Outcome.FAILED;
                p.slot.recorder.taskFinished(p.task.id(), p.task.submitNanos(), p.startLocal, Math.max(p.startLocal, end), o);
            }
        }
    }

    /** Records the end of a task as failed. */
    void finishAsFailed(Pending p, long end) {
        synchronized (p) {
            p.slot.recorder.taskFinished(p.task.id(), p.task.submitNanos(), p.startLocal, Math.max(p.startLocal, end), Outcome.FAILED);
        }
    }

    private String timeoutMessage(MemberSlot s) {
        return "task ran longer than its timeout of " + TimeUnit.NANOSECONDS.toMillis(pool.timeoutNanos)
                + " ms and was cancelled on " + s.describe() + " (Hazelcast's cancel interrupts its thread)";
    }

    /** A cancelled or timed-out task is cancelled on its member too (Hazelcast's cancel, which interrupts it). */
    void taskEnded(ObservedTask<?> task) {
        if (task.isCancelled() || task.outcome() == Outcome.TIMED_OUT) {
            Pending p = pool.byId.get(task.id());
            if (p != null && p.future != null) {
                cancelledAt.put(task.id(), System.nanoTime());
                boolean replied = p.future.isDone();
                boolean cancelled;
                try {
                    cancelled = p.future.cancel(true);
                } catch (RuntimeException e) {
                    // the client is closing (the reply of this very cancel let the pool terminate) or the member is
                    // gone: the task cannot run there any more, and the pool's task is cancelled already
                    return;
                }
                if (!cancelled && !replied) {
                    markCancelled(p); // Hazelcast's cancel did not find it on the member: it may not have arrived yet
                }
            }
        }
    }

    /**
     * Tells the task's member not to start it if it has not yet (see
     * {@link CancelMark}) and waits for the answer, so that the task cannot
     * start there once the cancel has returned.
     *
     * @return true if the task had not started on its member (it never will)
     */
    boolean markCancelled(Pending p) {
        MemberSlot s = p.slot;
        com.hazelcast.cluster.Member m = s == null ? null : s.member;
        if (m == null) {
            return false;
        }
        try {
            return pool.reports.submitToMember(new CancelMark(pool.run, p.task.id()), m)
                    .get(MARK_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return false; // the member is gone or the pool is closing: the task cannot start there either
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Asks every member that is up and has no report in flight for its
     * report: every tick while the pool has tasks outstanding or cancelled
     * tasks may still run on a member, else once per {@link #IDLE_REPORT_NANOS}
     * (an idle pool has nothing to follow but its members' process figures,
     * and each report costs both sides CPU the members' tasks would use).
     */
    void askReports() {
        List<MemberSlot> ask = new ArrayList<>();
        long now = System.nanoTime();
        pool.lock.lock();
        try {
            boolean idle = idle();
            for (MemberSlot s : pool.slots) {
                if ((s.standing == Standing.UP || s.standing == Standing.RETIRING) && !s.reportInFlight
                        && (!idle || s.lastAskedNanos == 0 || now - s.lastAskedNanos >= IDLE_REPORT_NANOS)) {
                    s.reportInFlight = true;
                    s.lastAskedNanos = now;
                    ask.add(s);
                }
            }
        } finally {
            pool.lock.unlock();
        }
        for (MemberSlot s : ask) {
            long sent = System.nanoTime();
            Member m = s.member;
            try {
                ((CompletionStage<MemberStatus>) pool.reports.submitToMember(new MemberReport(pool.run, pool.executorName), m))
                        .whenCompleteAsync((st, e) -> reported(s, m, st, sent), SlotDispatcher.DIRECT);
            } catch (RuntimeException e) {
                reported(s, m, null, sent);
            }
        }
    }

    private void reported(MemberSlot s, Member m, MemberStatus st, long sent) {
        long now = System.nanoTime();
        List<Pending> started = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        pool.lock.lock();
        try {
            s.reportInFlight = false;
            if (st == null || s.member != m) {
                return;
            }
            if (!s.sameMachine && now - sent < s.bestRoundTrip) {
                s.bestRoundTrip = now - sent;
                s.clockOffset = st.nowNanos() - (sent + now) / 2;
            }
            s.pid = st.pid();
            s.lastRunning = new HashSet<>(st.running());
            s.lastQueued = Math.max(0, st.queued());
            s.endedSinceReport = 0;
            s.showRunning();
            int still = 0;
            for (int i = 0; i < st.running().size(); i++) {
                Long at = cancelledAt.get(st.running().get(i));
                if (at != null && now - at > CANCEL_GRACE_NANOS) {
                    still++; // cancelled or timed out, and still running on the member after the grace
                }
                Pending p = pool.byId.get(st.running().get(i));
                if (p == null || p.slot != s) {
                    continue; // ended for the pool already
                }
                if (!p.startRecorded) {
                    started.add(p);
                    starts.add(st.runningSince().get(i));
                }
            }
            s.stillRunningAfterCancel = still;
            cancelledAt.entrySet().removeIf(c -> now - c.getValue() > CANCEL_GRACE_NANOS && !s.lastRunning.contains(c.getKey())
                    && pool.slots.stream().noneMatch(o -> o != s && o.lastRunning.contains(c.getKey())));
            maxStillRunning.accumulate(still);
        } finally {
            pool.lock.unlock();
        }
        s.recorder.setProcessFigures(st.pid(), st.cpuNanos(), st.rssBytes(),
                s.startupMillis.isEmpty() ? -1 : s.startupMillis.get(s.startupMillis.size() - 1));
        long timeoutNanos = pool.timeoutNanos;
        for (int i = 0; i < started.size(); i++) {
            Pending p = started.get(i);
            long start = Math.max(p.task.submitNanos(), Math.min(now, s.toLocal(starts.get(i))));
            recordStart(p, start);
            if (timeoutNanos > 0) {
                long delay = start + timeoutNanos - System.nanoTime();
                p.deadline = pool.ticker.schedule(() -> timedOut(p), Math.max(0, delay), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void timedOut(Pending p) {
        if (!p.settled && !p.task.isDone()) {
            p.task.timeOutRemote(timeoutMessage(p.slot));
        }
    }
}
