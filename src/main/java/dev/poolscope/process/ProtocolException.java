package dev.poolscope.process;

import java.io.IOException;

/**
 * A worker channel carried something the protocol does not allow: an unknown
 * frame type, a bad length, a malformed payload, or a reply for a task that
 * the worker does not hold. The pool treats the worker as broken (kills and
 * replaces it); the pool itself is unaffected.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying what was wrong. */
    public ProtocolException(String message) {
        super(message);
    }
}
