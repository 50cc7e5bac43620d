package dev.poolscope.jfr;

import jdk.jfr.EventType;

/**
 * Writes {@link TaskEvent}s for the metrics recorders. The calls are made on
 * the task path, so the check comes first: {@link #enabled()} is a volatile
 * read (and, once the recorder is up, a read of JFR's own flag), and nothing
 * is allocated while no running recording has {@value TaskEvent#NAME} enabled.
 *
 * <p>A recorder with a single writer per worker keeps one {@link Writer} and
 * calls {@link Writer#begin(long)} when a task starts (if {@link #enabled()})
 * and {@link Writer#end} when it ends (if {@link Writer#pending()} or
 * {@link #enabled()}); the event then spans the two calls, and the writer's
 * one event object serves every task of its worker. A recorder with several
 * writers calls {@link #end} alone: its tasks' events, like those of a task
 * that started before the recording, have a (near) zero duration, and their
 * {@code service} field still holds the service time.
 */
public final class TaskEvents {
    /** Loaded only once the recorder is up (see {@link RecorderState}). */
    private static final class Type {
        static final EventType TASK = EventType.getEventType(TaskEvent.class);
    }

    private TaskEvents() {
    }

    /** True if a running recording has task events enabled. */
    public static boolean enabled() {
        return RecorderState.initialized() && Type.TASK.isEnabled();
    }

    /**
     * Writes the event of a task seen only at its end, if the recording wants it.
     *
     * @param waitNanos start - submit
     * @param serviceNanos end - start
     * @param outcome the outcome's name
     */
    public static void end(String pool, String kind, int worker, long taskId,
                           long waitNanos, long serviceNanos, String outcome) {
        if (!enabled()) {
            return;
        }
        TaskEvent e = new TaskEvent();
        e.begin();
        commit(e, pool, kind, worker, taskId, waitNanos, serviceNanos, outcome);
    }

    private static void commit(TaskEvent e, String pool, String kind, int worker, long taskId,
                               long waitNanos, long serviceNanos, String outcome) {
        e.end();
        if (e.shouldCommit()) {
            e.pool = pool;
            e.kind = kind;
            e.worker = worker;
            e.taskId = taskId;
            e.wait = waitNanos;
            e.service = serviceNanos;
            e.outcome = outcome;
            e.commit();
        }
    }

    /** The task events of one worker whose tasks are recorded by one thread at a time. */
    public static final class Writer {
        private TaskEvent event;
        private long begunTask;
        private boolean pending;

        /** Starts the event of a task that starts now. */
        public void begin(long taskId) {
            TaskEvent e = event;
            if (e == null) {
                e = new TaskEvent();
                event = e;
            }
            begunTask = taskId;
            pending = true;
            e.begin();
        }

        /** True if an event was begun and not yet ended. */
        public boolean pending() {
            return pending;
        }

        /**
         * Ends and commits a task's event if the recording still wants it; a
         * task whose start this writer did not see gets a (near) zero duration.
         *
         * @param waitNanos start - submit
         * @param serviceNanos end - start
         * @param outcome the outcome's name
         */
        public void end(String pool, String kind, int worker, long taskId,
                        long waitNanos, long serviceNanos, String outcome) {
            TaskEvent e = event;
            if (!pending || begunTask != taskId) {
                if (!enabled()) {
                    pending = false;
                    return;
                }
                if (e == null) {
                    e = new TaskEvent();
                    event = e;
                }
                e.begin();
            }
            pending = false;
            commit(e, pool, kind, worker, taskId, waitNanos, serviceNanos, outcome);
        }
    }
}
