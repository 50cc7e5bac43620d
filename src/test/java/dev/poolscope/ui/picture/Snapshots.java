package dev.poolscope.ui.picture;

import dev.poolscope.metrics.CancelOrReject;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.HistogramBuckets;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.metrics.TaskSpan;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.metrics.WorkerState;

import java.util.ArrayList;
import java.util.List;

/** Fixed snapshots for the pool picture's tests, built one after another like a sampler's. */
final class Snapshots {
    private long sequence;
    private final List<WorkerSnapshot> workers = new ArrayList<>();
    private final List<TaskSpan> spans = new ArrayList<>();
    private final List<CancelOrReject> drops = new ArrayList<>();
    private long submitted;
    private final long[] ended = new long[Outcome.values().length];

    Snapshots worker(int id, WorkerState state, long pid, int restarts) {
        workers.removeIf(w -> w.id() == id);
        workers.add(new WorkerSnapshot(id, (pid > 0 ? "process-" : "fixed-") + id, state, 0.5, 0, restarts, pid, -1, -1, -1, id));
        workers.sort(java.util.Comparator.comparingInt(WorkerSnapshot::id));
        return this;
    }

    /** Tasks 0..n-1 have been handed to the pool. */
    Snapshots submitted(long n) {
        submitted = n;
        return this;
    }

    Snapshots running(int worker, long task) {
        spans.removeIf(s -> s.taskId() == task);
        spans.add(new TaskSpan(worker, task, sequence * 100_000_000L, -1, null));
        return this;
    }

    Snapshots ended(int worker, long task, Outcome outcome) {
        spans.removeIf(s -> s.taskId() == task);
        spans.add(new TaskSpan(worker, task, sequence * 100_000_000L, sequence * 100_000_000L + 1, outcome));
        ended[outcome.ordinal()]++;
        return this;
    }

    Snapshots dropped(long task, Outcome outcome) {
        drops.add(new CancelOrReject(task, outcome));
        ended[outcome.ordinal()]++;
        return this;
    }

    /** The next snapshot, with everything said so far. */
    MetricsSnapshot next() {
        long running = spans.stream().filter(TaskSpan::running).count();
        long done = 0;
        for (long e : ended) {
            done += e;
        }
        long queued = Math.max(0, submitted - done - running);
        Counts c = new Counts(submitted, ended[0], ended[1], ended[2], ended[3], ended[4], running, queued);
        long seq = sequence++;
        return new MetricsSnapshot(seq, (seq + 1) * 100_000_000L, 100_000_000L, workers.size(), workers.size(),
                (int) running, queued, c, 0, 0, 0, Percentiles.EMPTY, Percentiles.EMPTY, Percentiles.EMPTY,
                Percentiles.EMPTY, Percentiles.EMPTY, Percentiles.EMPTY, HistogramBuckets.EMPTY, -1,
                workers, spans, null, drops);
    }
}
