package dev.poolscope.cluster;

import java.io.Serial;

/** A cluster pool could not start its members or join its cluster; no member is left behind. */
public final class ClusterStartException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    ClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
