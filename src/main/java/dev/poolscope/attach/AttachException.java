package dev.poolscope.attach;

/** PoolScope cannot attach to, or cannot keep watching, a JVM; the message is one line saying why. */
public final class AttachException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With the one-line reason. */
    public AttachException(String reason) {
        super(reason);
    }

    /** With the one-line reason and its cause. */
    public AttachException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
