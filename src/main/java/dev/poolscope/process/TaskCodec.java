package dev.poolscope.process;

import dev.poolscope.pool.ObservedTask;
import dev.poolscope.workload.WorkloadCatalog;
import dev.poolscope.workload.WorkloadTask;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent's side of the wire format for tasks and replies: a task becomes
 * a {@link Frames#RUN_WORKLOAD} or {@link Frames#RUN_OBJECT} frame body, and a
 * {@link Frames#RESULT} or {@link Frames#FAILURE} frame becomes a {@link Reply}.
 */
final class TaskCodec {
    /**
     * A task ready to send: its frame type, its body after the task id, and
     * whether it may share a batch with the tasks around it (a built-in
     * workload that cannot crash its worker; see {@link Frames#CONTINUES_BATCH}).
     */
    record EncodedTask(ObservedTask<?> task, int type, byte[] frame, boolean batchable) {
        /** Bytes before the body in a task frame: length, type, task id. */
        static final int HEADER = 4 + 1 + 8;

        /** A frame of {@code type} for the task with room for a body of {@code bodyBytes} after {@link #HEADER}. */
        static byte[] frame(ObservedTask<?> task, int type, int bodyBytes) {
            byte[] f = new byte[HEADER + bodyBytes];
            FrameBuffer.putInt(f, 0, 1 + 8 + bodyBytes);
            f[4] = (byte) type;
            FrameBuffer.putLong(f, 5, task.id());
            return f;
        }

        /** The frame's length on the wire, length prefix included. */
        int frameBytes() {
            return frame.length;
        }

        /**
         * Writes the frame (length, type, task id, body) without flushing, flagged if it continues a batch.
         * Called by one writer at a time (the channel's write lock).
         */
        void writeTo(DataOutputStream out, boolean continuesBatch) throws IOException {
            frame[4] = (byte) (continuesBatch ? type | Frames.CONTINUES_BATCH : type);
            out.write(frame);
        }
    }

    /**
     * A decoded reply: exactly one of {@code value} and {@code failure} is
     * meaningful ({@code failure} null means success).
     */
    record Reply(long taskId, long serviceNanos, Object value, Throwable failure, boolean skipped) {
    }

    private final ObjectInputFilter resultFilter;
    private final Map<String, Boolean> batchable = new ConcurrentHashMap<>();
    /** The last workload binding encoded: a stream of tasks usually shares one, so its bytes are reused. */
    private volatile Binding last;

    /** A workload binding's encoded bytes (all of a {@link Frames#RUN_WORKLOAD} body but the index). */
    private record Binding(String workload, Map<String, String> params, long seed, byte[] bytes, boolean batchable) {
    }

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
            Binding p = last;
            if (p == null || p.workload != w.workload() || p.params != w.params() || p.seed != w.seed()) {
                FrameBuffer b = new FrameBuffer(64);
                b.putString(w.workload()).putInt(w.params().size());
                for (Map.Entry<String, String> e : new TreeMap<>(w.params()).entrySet()) {
                    b.putString(e.getKey()).putString(e.getValue());
                }
                b.putLong(w.seed());
                p = new Binding(w.workload(), w.params(), w.seed(), b.toByteArray(), batchable(w.workload()));
                last = p;
            }
            byte[] frame = EncodedTask.frame(task, Frames.RUN_WORKLOAD, p.bytes.length + 8);
            System.arraycopy(p.bytes, 0, frame, EncodedTask.HEADER, p.bytes.length);
            FrameBuffer.putLong(frame, EncodedTask.HEADER + p.bytes.length, w.index());
            return new EncodedTask(task, Frames.RUN_WORKLOAD, frame, p.batchable);
        }
        try {
            byte[] data = WireValues.serialize(c);
            if (data.length > Frames.MAX_FRAME - 64) {
                task.failRemote(new IOException("task of type " + c.getClass().getName() + " is " + data.length
                        + " bytes serialized, more than the frame limit of " + Frames.MAX_FRAME + " bytes"));
                return null;
            }
            byte[] frame = EncodedTask.frame(task, Frames.RUN_OBJECT, 4 + data.length);
            FrameBuffer.putInt(frame, EncodedTask.HEADER, data.length);
            System.arraycopy(data, 0, frame, EncodedTask.HEADER + 4, data.length);
            return new EncodedTask(task, Frames.RUN_OBJECT, frame, false);
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
     * True if tasks of this built-in workload may share a batch: it is known
     * and cannot crash or exit its worker (a fault workload would take the
     * batch's other tasks with it).
     */
    private boolean batchable(String workload) {
        return batchable.computeIfAbsent(workload, n -> WorkloadCatalog.standard().find(n)
                .map(x -> !x.requiresProcess()).orElse(false));
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
