package dev.poolscope.cluster;

import dev.poolscope.metrics.FailureOrigin;

import java.io.Serial;

/**
 * A task failed because the cluster member running it left the cluster (its
 * process was killed or crashed, or the network dropped it). The message names
 * the member, its address and its process id; as a {@link FailureOrigin} it
 * gives the member's worker row and process id, so a run's error table says
 * which members its losses span.
 */
public final class MemberLostException extends RuntimeException implements FailureOrigin {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int workerId;
    private final long pid;

    MemberLostException(String message, Throwable cause, int workerId, long pid) {
        super(message, cause);
        this.workerId = workerId;
        this.pid = pid;
    }

    /** The member's slot: its worker row in the pool's figures. */
    @Override
    public int workerId() {
        return workerId;
    }

    /** The member's process id, or -1 if the pool did not start it (a joined cluster's member). */
    @Override
    public long pid() {
        return pid;
    }
}
