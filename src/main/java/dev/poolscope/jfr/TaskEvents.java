package dev.poolscope.jfr;

import jdk.jfr.EventType;

import java.util.List;

/**
 * Writes {@link TaskEvent}s for the metrics recorders. The calls are made on
 * the task path, so the check comes first: {@link #enabled()} is a volatile
 * read (and, once the recorder is up, a read of JFR's own flag), and nothing
 * is allocated while no running recording has {@value TaskEvent#NAME} enabled.
 *
 * <p>An event is written once, when its task has ended, from the instants the
 * recorder already has (submit, start, end): no clock is read and nothing is
 * begun when the task starts (see {@link TaskClock}). A recorder with a single
 * writer per worker keeps one {@link Writer}, whose one event object serves
 * every task of its worker; a recorder with several writers calls
 * {@link #write} and allocates an event per task.
 */
public final class TaskEvents {
    /** Loaded only once the recorder is up (see {@link RecorderState}). */
    private static final class Type {
        static final EventType TASK = EventType.getEventType(TaskEvent.class);

        static {
            TaskClock.exact(); // finds the event's clock now that the event type is registered
        }
    }

    /** The pool kinds that {@code kind} codes name, by code; any other kind is {@code -1}. */
    public static final List<String> KINDS = List.of("fixed", "virtual", "forkjoin", "process", "cluster");

    private TaskEvents() {
    }

    /** The code of a pool kind in task events (see {@link #KINDS}). */
    public static byte kindCode(String kind) {
        return (byte) KINDS.indexOf(kind);
    }

    /** True if a running recording has task events enabled. */
    public static boolean enabled() {
        return RecorderState.initialized() && Type.TASK.isEnabled();
    }

    /**
     * Writes one ended task's event, if the recording wants it; for recorders
     * with several writers.
     *
     * @param pool the pool's number ({@link PoolEvent})
     * @param submitNanos when the task was submitted ({@link System#nanoTime()})
     * @param startNanos when it started on its worker
     * @param endNanos when it ended
     * @param kind the kind's code ({@link #kindCode})
     * @param outcome the outcome's code ({@link TaskEvent#OUTCOMES})
     */
    public static void write(long pool, byte kind, int worker, long taskId,
                             long submitNanos, long startNanos, long endNanos, byte outcome) {
        commit(new TaskEvent(), pool, kind, worker, taskId, submitNanos, startNanos, endNanos, outcome);
    }

    private static void commit(TaskEvent e, long pool, byte kind, int worker, long taskId,
                               long submitNanos, long startNanos, long endNanos, byte outcome) {
        TaskClock.span(e, startNanos, endNanos);
        e.pool = pool;
        e.kind = kind;
        e.worker = worker;
        e.taskId = taskId;
        e.wait = startNanos - submitNanos;
        e.service = endNanos - startNanos;
        e.outcome = outcome;
        e.commit(); // checks the recording's settings itself
    }

    /** The task events of one worker whose tasks are recorded by one thread at a time. */
    public static final class Writer {
        private TaskEvent event;

        /**
         * Writes one ended task's event, if the recording wants it, reusing
         * this writer's event object.
         *
         * @param pool the pool's number ({@link PoolEvent})
         * @param submitNanos when the task was submitted ({@link System#nanoTime()})
         * @param startNanos when it started on its worker
         * @param endNanos when it ended
         * @param kind the kind's code ({@link #kindCode})
     * @param outcome the outcome's code ({@link TaskEvent#OUTCOMES})
         */
        public void write(long pool, byte kind, int worker, long taskId,
                          long submitNanos, long startNanos, long endNanos, byte outcome) {
            TaskEvent e = event;
            if (e == null) {
                e = new TaskEvent();
                event = e;
            }
            commit(e, pool, kind, worker, taskId, submitNanos, startNanos, endNanos, outcome);
        }
    }
}
