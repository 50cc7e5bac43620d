package dev.poolscope.ui.model;

import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.metrics.WorkerState;

import java.util.Locale;

/** The worker table's words for one worker: its state (or how it ended), CPU time and memory. */
public final class WorkerText {
    /** Shown for a process that ended before its CPU time or memory was ever read. */
    public static final String UNMEASURED = "exited before it was measured";
    /** The Workers tab's note once the run's pool has shut down. */
    public static final String POOL_GONE = "The run has ended and its pool is gone: each row shows how its worker ended,"
            + " its final task count and the last CPU time and memory measured.";

    private WorkerText() {
    }

    /**
     * The state as the table shows it: the live state while the worker goes; once it is gone,
     * how it ended ({@code exited: exit code 3}, {@code exited: pool shut down now (...)}, {@code retired}).
     */
    public static String state(WorkerSnapshot w) {
        String name = w.state().name().toLowerCase(Locale.ROOT);
        if (w.state() == WorkerState.RETIRED) {
            return w.exitReason() == null ? "retired" : "exited: " + w.exitReason();
        }
        if (w.state() == WorkerState.DEAD && w.exitReason() != null) {
            return "dead: " + w.exitReason();
        }
        return name;
    }

    /** CPU time in seconds; the last figure for a process that has exited. */
    public static String cpu(WorkerSnapshot w) {
        if (w.cpuNanos() >= 0) {
            return Format.decimal(w.cpuNanos() / 1e9, 2) + " s";
        }
        return w.exitedUnmeasured() ? UNMEASURED : "–";
    }

    /** Resident memory; the last figure for a process that has exited. */
    public static String memory(WorkerSnapshot w) {
        if (w.rssBytes() >= 0) {
            return Format.mebibytes(w.rssBytes());
        }
        return w.exitedUnmeasured() ? UNMEASURED : "–";
    }
}
