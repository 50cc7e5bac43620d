package dev.poolscope.cluster;

import java.io.Serial;

/**
 * A task failed because the cluster member running it left the cluster (its
 * process was killed or crashed, or the network dropped it). The message names
 * the member, its address and its process id.
 */
public final class MemberLostException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    MemberLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
