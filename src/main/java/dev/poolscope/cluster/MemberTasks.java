package dev.poolscope.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * On a member: the envelopes running right now, per pool run, with the
 * instant each began, so a {@link MemberReport} can tell the pool which tasks
 * are running (and which it cancelled still are). Kept in the member's
 * user context under {@link #KEY}.
 */
public final class MemberTasks {
    /** The user-context key. */
    public static final String KEY = "poolscope.tasks";

    private final Map<String, Map<Long, Long>> running = new ConcurrentHashMap<>();

    void started(String run, long taskId, long startNanos) {
        running.computeIfAbsent(run, r -> new ConcurrentHashMap<>()).put(taskId, startNanos);
    }

    void ended(String run, long taskId) {
        Map<Long, Long> m = running.get(run);
        if (m != null) {
            m.remove(taskId);
        }
    }

    /** The running tasks of a run as pairs of task id and start instant. */
    List<long[]> running(String run) {
        Map<Long, Long> m = running.get(run);
        List<long[]> out = new ArrayList<>();
        if (m != null) {
            m.forEach((id, start) -> out.add(new long[]{id, start}));
        }
        return out;
    }
}
