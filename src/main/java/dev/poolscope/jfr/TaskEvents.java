package dev.poolscope.jfr;

import jdk.jfr.EventType;

/**
 * Writes {@link TaskEvent}s for the metrics recorders. The calls are made on
 * the task path, so the check comes first: {@link #enabled()} is a volatile
 * read (and, once the recorder is up, a read of JFR's own flag), and nothing
 * is allocated while no running recording has {@value TaskEvent#NAME} enabled.
 *
 * <p>Usage by a recorder with a single writer per worker:
 * <ol>
 * <li>when a task starts, if {@link #enabled()}, keep {@link #begin(long)}'s event;</li>
 * <li>when it ends, if {@link #enabled()} or an event is kept, call
 *     {@link #end(TaskEvent, String, String, int, long, long, long, String)} with it
 *     (or null); the event then spans the two calls.</li>
 * </ol>
 * A task seen only at its end (a recording started while it ran, or a
 * recorder with several writers) gets an event of (near) zero duration; its
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

    /** Starts the event for a task that starts now. */
    public static TaskEvent begin(long taskId) {
        TaskEvent e = new TaskEvent();
        e.taskId = taskId;
        e.begin();
        return e;
    }

    /**
     * Ends and commits a task's event if the recording still wants it.
     *
     * @param begun the event {@link #begin(long)} returned at the task's
     *        start, or null (or another task's) if there is none
     * @param waitNanos start - submit
     * @param serviceNanos end - start
     * @param outcome the outcome's name
     */
    public static void end(TaskEvent begun, String pool, String kind, int worker, long taskId,
                           long waitNanos, long serviceNanos, String outcome) {
        TaskEvent e = begun;
        if (e == null || e.taskId != taskId) {
            if (!enabled()) {
                return;
            }
            e = new TaskEvent();
            e.begin();
        }
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
}
