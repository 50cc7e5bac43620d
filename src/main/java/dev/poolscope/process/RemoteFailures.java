package dev.poolscope.process;

import java.io.ObjectInputFilter;

/**
 * How a task's exception travels from a worker to the parent. The worker
 * sends its class name, message and printed stack trace, and the exception
 * itself serialized when it can be; the parent hands the task's own exception
 * to the caller (read through the result allow-list, its remote stack trace
 * kept) with a suppressed {@link RemoteTaskException} naming the worker and
 * PID (as its cause instead when the exception does not record suppressed
 * ones and has no cause). Only when the exception cannot be read back (its class is missing or
 * not allowed, or it did not serialize) does the {@code RemoteTaskException}
 * itself stand in, naming the original class.
 *
 * <p>Frame body after the task id, service time and {@code byte} kind:
 * {@code String} class name, {@code String} message, {@code String} stack
 * trace, blob: the serialized exception, empty if it did not serialize.
 */
final class RemoteFailures {
    /** The most bytes a serialized exception may take; beyond that only its text travels. */
    static final int MAX_SERIALIZED = 1 << 20;

    private RemoteFailures() {
    }

    /** Writes a failure body after its kind (worker side). */
    static void write(FrameBuffer b, int kind, Throwable t, String message, String trace) {
        byte[] data = new byte[0];
        if (kind == Frames.FAILED_TASK) {
            try {
                byte[] d = WireValues.serialize(t);
                if (d.length <= MAX_SERIALIZED) {
                    data = d;
                }
            } catch (Exception | Error e) {
                // not serializable (or no memory left to do it): the text stands in
            }
        }
        b.putString(t.getClass().getName()).putString(message).putString(trace).putBlob(data);
    }

    /** Reads a failure body (parent side) into the exception the caller sees. */
    static Throwable read(int kind, FrameBuffer b, ObjectInputFilter filter, int workerId, long pid)
            throws ProtocolException {
        String type = b.getString();
        String message = b.getString();
        String trace = b.getString();
        byte[] data = b.getBlob();
        if (kind < Frames.FAILED_TASK || kind > Frames.FAILED_RESULT_UNSENDABLE) {
            throw new ProtocolException("unknown failure kind " + kind);
        }
        RemoteTaskException remote = new RemoteTaskException(type, message, trace, workerId, pid);
        if (data.length == 0) {
            return remote;
        }
        try {
            if (WireValues.deserialize(data, filter) instanceof Throwable own) {
                own.addSuppressed(remote);
                if (own.getSuppressed().length == 0 && own.getCause() == null) {
                    own.initCause(remote); // suppression disabled (a JVM-made error): name the worker as the cause
                }
                return own;
            }
        } catch (Exception | StackOverflowError e) {
            remote.addSuppressed(e); // why the task's own exception could not be read back
        }
        return remote;
    }
}
