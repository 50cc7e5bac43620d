package dev.poolscope.process;

/**
 * The frame types and limits of the worker protocol, version {@value #VERSION}.
 * Each worker has its own channel: the parent writes to the worker's standard
 * input and reads frames from its standard output; the worker's standard error
 * is its log.
 *
 * <h2>Conversation</h2>
 * <ol>
 * <li>Worker to parent: {@link #HELLO} ({@code int} magic, {@code int} version,
 *     {@code long} pid) once it is ready, or {@link #INIT_FAILED} ({@code int} magic,
 *     {@code int} version, {@code String} error text) if its initializer failed. Bytes before the magic (JVM
 *     warnings printed to standard output) are moved to the worker's log.</li>
 * <li>Parent to worker, any number of times, without waiting for replies
 *     (pipelining): {@link #RUN_WORKLOAD} ({@code long} task id, {@code String}
 *     workload, {@code int} n, n x ({@code String} key, {@code String} value: the overrides as given),
 *     {@code long} seed, {@code long} index) or {@link #RUN_OBJECT}
 *     ({@code long} task id, blob: a serialized {@link java.util.concurrent.Callable}),
 *     either type plus {@link #CONTINUES_BATCH} for a task the worker may start before it has
 *     flushed the replies of the tasks before it in the same batch.</li>
 * <li>Worker to parent, one per request and in request order (a worker runs
 *     its tasks one at a time, first in first out; it flushes every reply
 *     before it starts a task that begins a batch, and a reply held back
 *     within a batch leaves within about a millisecond): {@link #RESULT}
 *     ({@code long} task id, {@code long} service nanos, a value as written by
 *     {@link WireValues}) or {@link #FAILURE} ({@code long} task id, {@code long}
 *     service nanos, {@code byte} failure kind, then unless the kind is
 *     {@link #FAILED_SKIPPED}: {@code String} exception type, {@code String} message,
 *     {@code String} stack trace, blob: the exception serialized or empty; see {@link RemoteFailures}).</li>
 * <li>Parent to worker, at any time: {@link #CANCEL} ({@code long} task id,
 *     {@code byte} 1 to interrupt the task if it is running). A task not yet
 *     started is skipped (its reply is a {@link #FAILED_SKIPPED} failure).</li>
 * <li>Worker to parent, periodically: {@link #HEARTBEAT} ({@code long} CPU
 *     nanos, {@code long} resident bytes, {@code long} heap used bytes,
 *     {@code long} tasks done).</li>
 * <li>End: the parent closes the worker's standard input when the worker
 *     holds no task; the worker exits at end of input, which also happens when
 *     the parent dies.</li>
 * </ol>
 */
final class Frames {
    private Frames() {
    }

    /** "PSCP": the first four bytes of a handshake. */
    static final int MAGIC = 0x50534350;
    /** Protocol version; parent and worker must agree. */
    static final int VERSION = 3;
    /** The largest frame (type + payload) either side accepts: 96 MiB. */
    static final int MAX_FRAME = 96 << 20;

    static final int HELLO = 1;
    static final int INIT_FAILED = 2;
    static final int RUN_WORKLOAD = 10;
    static final int RUN_OBJECT = 11;
    /**
     * Added to a {@link #RUN_WORKLOAD} or {@link #RUN_OBJECT} type: the task continues the batch of the task
     * before it, so the worker may start it while that task's reply still sits unflushed in its buffer.
     * A task without the flag starts a batch: every earlier reply is flushed before it starts.
     */
    static final int CONTINUES_BATCH = 0x40;
    static final int CANCEL = 12;
    static final int RESULT = 20;
    static final int FAILURE = 21;
    static final int HEARTBEAT = 30;

    /** Failure kind: the task threw. */
    static final int FAILED_TASK = 0;
    /** Failure kind: the worker could not read the task (class missing, filter refused it). */
    static final int FAILED_TASK_UNREADABLE = 1;
    /** Failure kind: the task's result could not be sent (not serializable, too large). */
    static final int FAILED_RESULT_UNSENDABLE = 2;
    /** Failure kind: the task was cancelled before it started, so the worker skipped it (no other fields). */
    static final int FAILED_SKIPPED = 3;
}
