package dev.poolscope.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * A member's answer to a {@link MemberReport}.
 *
 * @param nowNanos the member's {@link System#nanoTime()} when it answered
 * @param queued tasks of the run waiting in the member's executor queue
 * @param running ids of the run's tasks running on the member
 * @param runningSince their start instants (member clock), in the same order
 * @param pid the member's process id
 * @param cpuNanos CPU time the member process has used, or -1
 * @param rssBytes its resident memory
 */
record MemberStatus(long nowNanos, long queued, List<Long> running, List<Long> runningSince, long pid,
                    long cpuNanos, long rssBytes) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
