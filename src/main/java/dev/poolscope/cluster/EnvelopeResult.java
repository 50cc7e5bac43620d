package dev.poolscope.cluster;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a {@link TaskEnvelope} returns from its member.
 *
 * @param value the task's result (null if it failed)
 * @param failure the task's own exception, or null
 * @param startNanos when the task began on the member (the member's {@link System#nanoTime()})
 * @param endNanos when it ended there
 * @param member the member's UUID
 * @param thread the member thread that ran it
 */
record EnvelopeResult(Object value, Throwable failure, long startNanos, long endNanos, String member,
                      String thread) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
