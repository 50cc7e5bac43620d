package dev.poolscope.process;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.pool.ObservedTask;

import java.util.ArrayList;
import java.util.List;

/**
 * Operations on the tasks workers hold, apart from sending and replies:
 * cancel marks, task deadlines and the grace of an interrupted task (the
 * watchdog's tick), and the drain of {@code shutdownNow}. Each takes the
 * supervisor's lock itself, except {@link #drainNow}, whose caller holds it.
 */
final class HeldTasks {
    private final WorkerSupervisor sup;

    HeldTasks(WorkerSupervisor sup) {
        this.sup = sup;
    }

    /**
     * A task ended by cancellation: if a worker holds it, tells the worker,
     * which skips it if it has not started and interrupts it if it runs and
     * was cancelled with {@code cancel(true)}.
     */
    void cancelled(ObservedTask<?> t) {
        ChannelWriter kick = null;
        sup.lock.lock();
        try {
            for (WorkerChannel c : sup.live) {
                int index = 0;
                for (TaskCodec.EncodedTask j : c.inFlight) {
                    if (j.task() == t) {
                        if (!c.broken() && c.phase() != WorkerChannel.Phase.DEAD) {
                            boolean interrupt = t.cancelledWithInterrupt() || index > 0; // one sent ahead may be starting just now
                            c.unflushed = 0;
                            if (c.writer.cancel(t.id(), interrupt)) {
                                kick = c.writer;
                            }
                            if (index == 0 && interrupt) {
                                c.cancelSince = System.nanoTime();
                            }
                        }
                        return;
                    }
                    index++;
                }
            }
        } finally {
            sup.lock.unlock();
            if (kick != null) {
                kick.kick();
            }
        }
    }

    /** Ends tasks past their timeout and kills workers whose cancelled task ignored its interrupt. */
    void checkDeadlines(long now) {
        long grace = sup.settings.cancelGrace().toNanos();
        List<Runnable> after = new ArrayList<>();
        sup.lock.lock();
        try {
            for (WorkerChannel c : sup.live) {
                TaskCodec.EncodedTask head = c.inFlight.peekFirst();
                if (head == null || c.broken() || c.phase() == WorkerChannel.Phase.DEAD) {
                    continue;
                }
                ObservedTask<?> t = head.task();
                if (c.cancelSince != 0 && now - c.cancelSince > grace && t.isCancelled()) {
                    String why = "cancelled task " + t.id() + " did not stop within " + formatMillis(grace)
                            + " of its interrupt";
                    c.kill(why);
                } else if (sup.timeoutNanos > 0 && !c.headFinished && now - c.headSince > sup.timeoutNanos) {
                    String limit = formatMillis(sup.timeoutNanos);
                    String why = "task " + t.id() + " ran past its timeout of " + limit;
                    c.slot.recorder.taskFinished(t.id(), t.submitNanos(), c.headSince, now, Outcome.TIMED_OUT);
                    c.headFinished = true;
                    String msg = "task ran longer than its timeout of " + limit + "; its worker " + c.slot.id + " (pid "
                            + c.pid + ") was killed and is being replaced";
                    c.markBroken(why);
                    after.add(sup.completion(() -> t.timeOutRemote(msg)));
                    after.add(c::destroyTree);
                }
            }
        } finally {
            sup.lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    static String formatMillis(long nanos) {
        return nanos % 1_000_000 == 0 ? (nanos / 1_000_000) + " ms" : String.format("%.3f ms", nanos / 1e6);
    }

    /**
     * Drains for {@code shutdownNow}: returns the tasks never sent to a worker
     * (in {@code never}); the tasks workers hold may have started, so they are
     * cancelled (in {@code running}) and their workers killed.
     */
    void drainNow(List<Runnable> never, List<ObservedTask<?>> running) {
        sup.shutdown = true;
        for (TaskCodec.EncodedTask j : sup.queue.drain()) {
            never.add(j.task());
        }
        long now = System.nanoTime();
        for (WorkerChannel c : sup.live) {
            TaskCodec.EncodedTask head = c.inFlight.peekFirst();
            if (head != null && !c.headFinished) {
                c.slot.recorder.taskFinished(head.task().id(), head.task().submitNanos(), c.headSince, now,
                        Outcome.CANCELLED);
            }
            for (TaskCodec.EncodedTask j : c.inFlight) {
                running.add(j.task());
            }
            c.inFlight.clear();
            c.kill("pool shut down now");
        }
        sup.changed.signalAll();
    }
}
