package dev.poolscope.process;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.WorkerState;
import dev.poolscope.pool.ObservedTask;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What happens when a worker process is gone: its tasks are settled (see
 * {@link WorkerSupervisor} on exactly once), its slot gets a new process or is
 * retired, and a worker that never became ready is retried up to a limit,
 * after which the pool fails its waiting tasks. Runs under the supervisor's lock.
 */
final class WorkerDeaths {
    private final WorkerSupervisor sup;

    WorkerDeaths(WorkerSupervisor sup) {
        this.sup = sup;
    }

    /**
     * Called by a channel's reader once the worker's output has ended and its
     * process exited: settles its tasks and replaces it if the pool still wants it.
     */
    void died(WorkerChannel c, int code) {
        String exit = ExitStatus.describe(code);
        List<Runnable> after = new ArrayList<>();
        sup.lock.lock();
        try {
            boolean wasClosing = c.phase() == WorkerChannel.Phase.CLOSING;
            c.moveTo(WorkerChannel.Phase.DEAD);
            sup.live.remove(c);
            WorkerSlot s = c.slot;
            if (s.channel == c) {
                s.channel = null;
            }
            boolean expected = wasClosing && !c.broken() && c.inFlight.isEmpty() && code == 0;
            String reason = c.broken() ? c.killReason() + " (" + exit + ")" : exit;
            boolean stopped = sup.pool.stoppedNow() || sup.shutdown && sup.queue.isEmpty();
            s.recorder.exited(c.handshaken() ? reason : "did not start: " + reason);
            if (!c.handshaken()) {
                if (s.retiring() || s.retired() || stopped) {
                    sup.retire(s);
                } else {
                    startFailed(s, reason, c.log.lines(), after); // never became ready
                }
            } else {
                if (!expected) {
                    WorkerSlot.keep(s.exitReasons, reason);
                } else if (sup.recycled(c)) {
                    WorkerSlot.keep(s.exitReasons, "recycled after " + c.sent + " tasks");
                }
                settle(c, reason, after);
                boolean replace = !s.retiring() && !s.retired() && sup.startFailure == null && !stopped;
                if (replace && (!expected || sup.recycled(c))) {
                    s.restarts++;
                    s.recorder.restarted(expected ? "recycled" : reason);
                }
                if (replace) {
                    s.show(expected ? WorkerState.RECYCLING : WorkerState.DEAD);
                    sup.requestSpawn(s);
                } else if (s.retiring() || sup.shutdown) {
                    sup.retire(s);
                }
            }
            sup.pump(after);
        } finally {
            sup.lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /**
     * Settles what a dead worker held: the first task may have started, and so
     * may the other unanswered tasks of its batch ({@link ChannelWriter#possiblyStarted}),
     * so they fail (unless already settled); the others never started and go
     * back to the front of the queue (or are cancelled when stopping now).
     */
    void settle(WorkerChannel c, String reason, List<Runnable> after) {
        boolean stopping = sup.pool.stoppedNow();
        int batch = c.writer.possiblyStarted();
        TaskCodec.EncodedTask head = c.inFlight.pollFirst();
        if (head != null) {
            ObservedTask<?> t = head.task();
            long now = System.nanoTime();
            if (!c.headFinished) {
                Outcome o = t.isDone() ? t.outcome() : stopping ? Outcome.CANCELLED : Outcome.FAILED;
                c.slot.recorder.taskFinished(t.id(), t.submitNanos(), c.headSince, now, o);
            }
            if (!t.isDone()) {
                WorkerCrashedException ex = new WorkerCrashedException(c.slot.id, c.pid, "running task " + t.id(),
                        reason, c.log.lines());
                after.add(sup.completion(stopping ? () -> t.cancel(false) : () -> t.failRemote(ex)));
            }
            for (int i = 1; i < batch && !c.inFlight.isEmpty(); i++) {
                ObservedTask<?> m = c.inFlight.pollFirst().task();
                if (!m.isDone()) {
                    String phase = "running a batch of short tasks that held task " + m.id() + " (it may have started)";
                    WorkerCrashedException ex = new WorkerCrashedException(c.slot.id, c.pid, phase, reason,
                            c.log.lines());
                    after.add(sup.completion(stopping ? () -> m.cancel(false) : () -> m.failRemote(ex)));
                }
            }
        }
        for (Iterator<TaskCodec.EncodedTask> it = c.inFlight.descendingIterator(); it.hasNext(); ) {
            TaskCodec.EncodedTask j = it.next();
            if (j.task().isDone()) {
                continue; // cancelled while it waited in the worker: it never ran
            }
            if (stopping) {
                after.add(sup.completion(() -> j.task().cancel(false)));
            } else {
                sup.queue.putBack(j);
            }
        }
        c.inFlight.clear();
    }

    /** A worker never became ready. Retries up to the limit, then fails the sup.pool's waiting tasks. */
    void startFailed(WorkerSlot s, String reason, List<String> log, List<Runnable> after) {
        sup.consecutiveStartFailures++;
        WorkerSlot.keep(s.exitReasons, "did not start: " + reason);
        s.show(WorkerState.DEAD);
        if (sup.startFailure != null || s.retiring() || sup.shutdown && sup.queue.isEmpty() || sup.pool.stoppedNow()) {
            if (s.retiring() || sup.shutdown) {
                sup.retire(s);
            }
            return;
        }
        if (sup.consecutiveStartFailures >= sup.settings.maxStartFailures()) {
            WorkerStartException ex = new WorkerStartException("process pool: worker " + s.id + " could not start ("
                    + sup.consecutiveStartFailures + " attempts in a row failed; the last one: " + reason + ")", log);
            sup.startFailure = ex;
            List<ObservedTask<?>> waiting = new ArrayList<>();
            for (TaskCodec.EncodedTask j : sup.queue.drain()) {
                waiting.add(j.task());
            }
            after.add(sup.completion(() -> waiting.forEach(t -> t.failRemote(ex))));
            sup.changed.signalAll();
            return;
        }
        sup.requestSpawn(s);
    }
}
