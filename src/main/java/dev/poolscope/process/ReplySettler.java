package dev.poolscope.process;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.pool.ObservedTask;

import java.util.ArrayList;
import java.util.List;

/**
 * Settles the tasks a worker's replies answer: under one hold of the pool's
 * lock each reply takes the task its worker holds first (a reply for any
 * other task is a protocol error) and records its end, and the freed room is
 * filled from the queue; the tasks' futures are completed after the lock is
 * released.
 */
final class ReplySettler {
    private final WorkerSupervisor sup;

    ReplySettler(WorkerSupervisor sup) {
        this.sup = sup;
    }

    /**
     * Replies from a worker, in the order it sent them: each completes the
     * task the worker holds first. All are taken under one hold of the lock
     * and completed after it. A reply is counted even when the worker is
     * being killed, since the task did end.
     *
     * @throws ProtocolException if the worker does not hold a reply's task
     *         (the replies before it are still completed)
     */
    void replies(WorkerChannel c, List<TaskCodec.Reply> replies) throws ProtocolException {
        List<TaskCodec.EncodedTask> done = new ArrayList<>(replies.size());
        List<Runnable> after = new ArrayList<>();
        sup.lock.lock();
        try {
            for (TaskCodec.Reply r : replies) {
                TaskCodec.EncodedTask head = take(c, r);
                if (head == null) {
                    break;
                }
                done.add(head);
                sup.completing();
            }
            sup.pump(after);
        } finally {
            sup.lock.unlock();
            after.forEach(Runnable::run);
            for (int i = 0; i < done.size(); i++) {
                try {
                    TaskCodec.Reply r = replies.get(i);
                    ObservedTask<?> t = done.get(i).task();
                    if (r.failure() == null) {
                        t.completeRemote(LocalResult.localValue(t, r.value()));
                    } else {
                        t.failRemote(r.failure());
                    }
                } finally {
                    sup.completed();
                }
            }
        }
    }

    /**
     * Under the lock: removes the task a reply answers from the worker's held
     * tasks and records its end; null if the task was already settled by shutdownNow.
     */
    private TaskCodec.EncodedTask take(WorkerChannel c, TaskCodec.Reply r) throws ProtocolException {
        TaskCodec.EncodedTask head = c.inFlight.peekFirst();
        if (head == null || head.task().id() != r.taskId()) {
            if (c.broken()) {
                return null; // a reply for a task already settled by shutdownNow
            }
            throw new ProtocolException("reply for task " + r.taskId() + ", which the worker does not hold"
                    + (head == null ? " (it holds none)" : " (it is running task " + head.task().id() + ")"));
        }
        c.inFlight.pollFirst();
        c.writer.answered();
        long now = System.nanoTime();
        WorkerSlot s = c.slot;
        ObservedTask<?> t = head.task();
        if (!c.headFinished) {
            Outcome o = t.isDone() ? t.outcome() : r.failure() == null ? Outcome.SUCCEEDED : Outcome.FAILED;
            s.recorder.taskFinished(t.id(), t.submitNanos(), c.headSince, now, o);
        }
        if (t.isCancelled() && !r.skipped()) {
            sup.cancelledWhileRunning++;
        }
        s.tasks++;
        s.avgServiceNanos = DispatchPolicy.average(s.avgServiceNanos, r.serviceNanos());
        c.headFinished = false;
        c.cancelSince = 0;
        TaskCodec.EncodedTask next = c.inFlight.peekFirst();
        if (next != null) {
            c.headSince = now;
            s.recorder.taskStarted(next.task().id(), now);
            if (next.task().cancelledWithInterrupt()) {
                c.cancelSince = now;
            }
        }
        sup.showState(s);
        return head;
    }

}
