package dev.poolscope.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * On a member: the envelopes running right now, per pool run, with the
 * instant each began, so a {@link MemberReport} can tell the pool which tasks
 * are running (and which it cancelled still are); and the tasks the pool
 * cancelled before they started here ({@link CancelMark}), which then never
 * start. Kept in the member's user context under {@link #KEY}.
 */
public final class MemberTasks {
    /** The user-context key. */
    public static final String KEY = "poolscope.tasks";
    /** How long a cancel mark waits for its task (one whose task had ended here already is dropped then). */
    private static final long MARK_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** Per run: task id to its start instant while it runs, or a {@link Mark} if it was cancelled before it started. */
    private final Map<String, Map<Long, Object>> tasks = new ConcurrentHashMap<>();

    /** A cancel that came before its task. */
    private record Mark(long atNanos) {
    }

    private Map<Long, Object> of(String run) {
        return tasks.computeIfAbsent(run, r -> new ConcurrentHashMap<>());
    }

    /**
     * Lists the task as running from {@code startNanos}, unless it was
     * cancelled before it started here.
     *
     * @return false if the task was cancelled and must not run
     */
    boolean started(String run, long taskId, long startNanos) {
        Map<Long, Object> m = of(run);
        Object before = m.putIfAbsent(taskId, startNanos);
        if (before instanceof Mark) {
            m.remove(taskId);
            return false;
        }
        return true;
    }

    void ended(String run, long taskId) {
        Map<Long, Object> m = tasks.get(run);
        if (m != null) {
            m.remove(taskId);
        }
    }

    /**
     * Marks a task the pool cancelled so that it never starts here; a task
     * already running is left to Hazelcast's cancel.
     *
     * @return true if the task had not started here
     */
    boolean cancelBeforeStart(String run, long taskId) {
        return of(run).putIfAbsent(taskId, new Mark(System.nanoTime())) == null;
    }

    /** The running tasks of a run as pairs of task id and start instant (drops cancel marks older than a minute). */
    List<long[]> running(String run) {
        Map<Long, Object> m = tasks.get(run);
        List<long[]> out = new ArrayList<>();
        if (m != null) {
            long now = System.nanoTime();
            m.forEach((id, v) -> {
                if (v instanceof Long start) {
                    out.add(new long[]{id, start});
                } else if (v instanceof Mark mark && now - mark.atNanos() > MARK_NANOS) {
                    m.remove(id, v);
                }
            });
        }
        return out;
    }
}
