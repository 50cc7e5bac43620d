package dev.poolscope.process;

import dev.poolscope.metrics.WorkerRecorder;
import dev.poolscope.metrics.WorkerState;

import java.util.ArrayList;
import java.util.List;

/**
 * A place in the pool that runs one worker process at a time
 * ({@link WorkerChannel}), its figures across incarnations, and whether the
 * pool still wants it. Guarded by the pool's lock, except {@link #id} and
 * {@link #recorder}.
 *
 * <pre>
 *   ACTIVE --pool shrank--> RETIRING --its process is gone--> RETIRED
 *      ^                       |
 *      +------pool grew--------+
 * </pre>
 */
final class WorkerSlot implements DispatchPolicy.Candidate {
    /** Whether the pool still wants this slot. */
    enum Standing { ACTIVE, RETIRING, RETIRED }

    final int id;
    final WorkerRecorder recorder;
    /** The current process, or null between processes. */
    WorkerChannel channel;
    private Standing standing = Standing.ACTIVE;
    int restarts;
    long tasks;
    long lastPid = -1;
    double avgServiceNanos;
    final List<Double> startups = new ArrayList<>();
    final List<String> exitReasons = new ArrayList<>();
    private WorkerState shown;

    WorkerSlot(int id, WorkerRecorder recorder) {
        this.id = id;
        this.recorder = recorder;
    }

    @Override
    public boolean acceptsWork() {
        WorkerChannel c = channel;
        return c != null && standing == Standing.ACTIVE && c.phase() == WorkerChannel.Phase.READY;
    }

    @Override
    public int held() {
        WorkerChannel c = channel;
        return c == null ? 0 : c.inFlight.size();
    }

    @Override
    public double avgServiceNanos() {
        return avgServiceNanos;
    }

    Standing standing() {
        return standing;
    }

    boolean retiring() {
        return standing == Standing.RETIRING;
    }

    boolean retired() {
        return standing == Standing.RETIRED;
    }

    /** Moves the slot's standing; RETIRED is final. Returns false if the move is not allowed. */
    boolean moveTo(Standing next) {
        boolean ok = switch (standing) {
            case ACTIVE -> next == Standing.RETIRING || next == Standing.RETIRED;
            case RETIRING -> next == Standing.ACTIVE || next == Standing.RETIRED;
            case RETIRED -> false;
        };
        if (ok) {
            standing = next;
        }
        return ok;
    }

    /** The state shown in snapshots. */
    WorkerState shown() {
        return shown;
    }

    /** Shows a state in the snapshots (recorded only when it changes). */
    void show(WorkerState s) {
        if (s != shown) {
            shown = s;
            recorder.setState(s);
        }
    }

    /** Keeps the last 100 values of a figure list. */
    static <T> void keep(List<T> list, T value) {
        if (list.size() >= 100) {
            list.remove(0);
        }
        list.add(value);
    }
}
