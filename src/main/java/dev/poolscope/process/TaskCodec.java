package dev.poolscope.process;

import dev.poolscope.pool.ObservedTask;
import dev.poolscope.workload.WorkloadTask;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The parent's side of the wire format for tasks and replies: a task becomes
 * a {@link Frames#RUN_WORKLOAD} or {@link Frames#RUN_OBJECT} frame body, and a
 * {@link Frames#RESULT} or {@link Frames#FAILURE} frame becomes a {@link Reply}.
 */
final class TaskCodec {
    /** A task ready to send: its frame type and its body after the task id. */
    record EncodedTask(ObservedTask<?> task, int type, byte[] body) {
        /** Writes the frame (length, type, task id, body) without flushing. */
        void writeTo(DataOutputStream out) throws IOException {
            out.writeInt(1 + 8 + body.length);
            out.writeByte(type);
            out.writeLong(task.id());
            out.write(body);
        }
    }

    /**
     * A decoded reply: exactly one of {@code value} and {@code failure} is
     * meaningful ({@code failure} null means success).
     */
    record Reply(long taskId, long serviceNanos, Object value, Throwable failure, boolean skipped) {
    }

    private final ObjectInputFilter resultFilter;

    /** @param resultFilter the filter results and exceptions are read through */
    TaskCodec(ObjectInputFilter resultFilter) {
        this.resultFilter = resultFilter;
    }

    /** Encodes a task for sending, or fails it (not serializable, too large) and returns null. */
    EncodedTask encode(ObservedTask<?> task) {
        Callable<?> c = task.callable();
        if (c instanceof LocalResult<?> local) {
            c = local.remote();
        }
        if (c instanceof WorkloadTask w) {
            FrameBuffer b = new FrameBuffer(64);
            b.putString(w.workload()).putInt(w.params().size());
            for (Map.Entry<String, String> e : new TreeMap<>(w.params()).entrySet()) {
                b.putString(e.getKey()).putString(e.getValue());
            }
            b.putLong(w.seed()).putLong(w.index());
            return new EncodedTask(task, Frames.RUN_WORKLOAD, b.toByteArray());
        }
        try {
            byte[] data = WireValues.serialize(c);
            if (data.length > Frames.MAX_FRAME - 64) {
                task.failRemote(new IOException("task of type " + c.getClass().getName() + " is " + data.length
                        + " bytes serialized, more than the frame limit of " + Frames.MAX_FRAME + " bytes"));
                return null;
            }
            FrameBuffer b = new FrameBuffer(data.length + 8).putBlob(data);
            return new EncodedTask(task, Frames.RUN_OBJECT, b.toByteArray());
        } catch (IOException | RuntimeException e) {
            NotSerializableException ex = new NotSerializableException("task of type " + c.getClass().getName()
                    + " cannot be sent to a worker process: " + e
                    + " (use a TaskCallable lambda or a Serializable class whose captured values are serializable)");
            ex.initCause(e);
            task.failRemote(ex);
            return null;
        }
    }

    /**
     * Decodes a {@link Frames#RESULT} or {@link Frames#FAILURE} frame. A value
     * that cannot be read fails only its task.
     *
     * @throws ProtocolException if the frame itself is malformed
     */
    Reply decode(int type, FrameBuffer b, int workerId, long pid) throws ProtocolException {
        long id = b.getLong();
        long service = b.getLong();
        Object value = null;
        Throwable failure;
        if (type == Frames.RESULT) {
            failure = null;
            try {
                value = WireValues.get(b, resultFilter);
                b.expectEnd();
            } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError e) {
                // the frame's bounds are known, so a bad value costs its task only
                return new Reply(id, service, null,
                        new IOException("the pool could not read the task's result: " + e, e), false);
            }
        } else {
            int kind = b.getByte();
            if (kind == Frames.FAILED_SKIPPED) {
                b.expectEnd();
                return new Reply(id, service, null,
                        new java.util.concurrent.CancellationException("cancelled before it started"), true);
            }
            failure = RemoteFailures.read(kind, b, resultFilter, workerId, pid);
        }
        b.expectEnd();
        return new Reply(id, service, value, failure, false);
    }
}
