package dev.poolscope.cluster;

import com.hazelcast.cluster.Member;
import dev.poolscope.metrics.WorkerRecorder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * One member place of a cluster pool, as the pool sees it: the member now in
 * it (and its process, when the pool started it), its task threads, the tasks
 * sent to it that have not ended, and what its last report said. A slot
 * outlives its member: a replacement member takes the same slot. Guarded by
 * the pool's lock, except the recorder (shared writers).
 *
 * <pre>
 *   STARTING --joined--> UP --left, killed, crashed--> DEAD --replacement joined--> UP
 *                         |
 *                         +--shrink--> RETIRING --holds nothing--> RETIRED
 * </pre>
 */
final class MemberSlot {
    enum Standing { STARTING, UP, DEAD, RETIRING, RETIRED }

    final int id;
    final int threads;
    final WorkerRecorder recorder;
    Standing standing = Standing.STARTING;
    Member member;
    MemberProcess process;
    String address = "?";
    /** The loopback port the slot's members bind (a replacement takes it again, so the client finds it). */
    int port;
    long pid = -1;
    /** Tasks sent to the member and not ended, by send order. */
    final TreeMap<Long, Pending> held = new TreeMap<>();
    /** Task ids the last report said were running. */
    Set<Long> lastRunning = new HashSet<>();
    /** Tasks waiting in the member's executor queue at its last report. */
    long lastQueued;
    /** Tasks that ended on the member since its last report. */
    int endedSinceReport;
    /** Cancelled or timed-out tasks still running on the member at its last report. */
    int stillRunningAfterCancel;
    boolean reportInFlight;
    /** When the pool last asked this slot's member for a report (0: never, or a new member since). */
    long lastAskedNanos;
    /** Offset of the member's clock from ours (its nanoTime minus ours); 0 for members on this machine. */
    long clockOffset;
    long bestRoundTrip = Long.MAX_VALUE;
    boolean sameMachine;
    long tasks;
    int restarts;
    final List<Double> startupMillis = new ArrayList<>();
    final List<String> exitReasons = new ArrayList<>();

    MemberSlot(int id, int threads, WorkerRecorder recorder) {
        this.id = id;
        this.threads = threads;
        this.recorder = recorder;
    }

    /**
     * Tells the member's row how many of its threads are busy now: those its
     * last report found running a task or with one queued for them, at most
     * the tasks it still holds (so the row reads idle as soon as its last
     * reply is in). Under the pool's lock.
     */
    void showRunning() {
        long busy = Math.min(threads, lastRunning.size() + lastQueued); // a thread between tasks with more queued is busy
        recorder.setRunningNow((int) Math.min(busy, held.size()));
    }

    /** True if the slot takes new tasks. */
    boolean takes() {
        return standing == Standing.UP;
    }

    /** Load per thread, for picking the least loaded member. */
    double load() {
        return (double) held.size() / threads;
    }

    /** Our {@link System#nanoTime()} for an instant of the member's clock. */
    long toLocal(long memberNanos) {
        return memberNanos - clockOffset;
    }

    /** How the member is named in messages: slot, address and PID. */
    String describe() {
        return "member-" + id + " " + address + " (PID " + pid + ")";
    }

    /** A task on its way to or on a member. */
    static final class Pending {
        final dev.poolscope.pool.ObservedTask<?> task;
        final java.util.concurrent.Callable<?> body;
        MemberSlot slot;
        long seq;
        java.util.concurrent.Future<EnvelopeResult> future;
        boolean settled;
        boolean startRecorded;
        long startLocal;
        java.util.concurrent.ScheduledFuture<?> deadline;

        Pending(dev.poolscope.pool.ObservedTask<?> task, java.util.concurrent.Callable<?> body) {
            this.task = task;
            this.body = body;
        }
    }
}
