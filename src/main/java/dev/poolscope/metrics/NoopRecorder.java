package dev.poolscope.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/** A {@link PoolRecorder} that records nothing. */
final class NoopRecorder implements PoolRecorder {
    static final NoopRecorder INSTANCE = new NoopRecorder();
    private final AtomicInteger ids = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong submitted = new java.util.concurrent.atomic.AtomicLong();

    private NoopRecorder() {
    }

    @Override
    public WorkerRecorder addWorker(String label, boolean sharedWriters) {
        int id = ids.getAndIncrement();
        return new WorkerRecorder() {
            @Override public int id() { return id; }
            @Override public void taskStarted(long taskId, long startNanos) { }
            @Override public void taskFinished(long taskId, long submitNanos, long startNanos, long endNanos, Outcome outcome) { }
            @Override public void setState(WorkerState state) { }
            @Override public void setProcessFigures(long pid, long cpuNanos, long rssBytes, double startupMillis) { }
            @Override public void restarted(String reason) { }
            @Override public void retire() { }
            @Override public void taskEnded(Outcome outcome, Throwable cause) { }
        };
    }

    @Override
    public long taskSubmitted() {
        return submitted.getAndIncrement();
    }

    @Override
    public void taskEnded(Outcome outcome, Throwable cause) {
    }
}
