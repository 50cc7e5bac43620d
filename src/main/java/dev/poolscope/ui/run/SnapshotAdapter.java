package dev.poolscope.ui.run;

import dev.poolscope.metrics.MetricsSnapshot;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries a run's snapshots from the sampling thread to the FX thread,
 * coalesced: at most one hand-off is pending at a time and it applies the
 * latest snapshot (older ones it finds replaced are dropped). After
 * {@link #close()} nothing more is applied.
 */
public final class SnapshotAdapter implements Consumer<MetricsSnapshot> {
    private final AtomicReference<MetricsSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final Executor fx;
    private final Consumer<MetricsSnapshot> sink;
    private volatile boolean closed;

    /**
     * @param fx runs hand-offs on the FX thread ({@code Platform::runLater})
     * @param sink applies a snapshot, on the FX thread
     */
    public SnapshotAdapter(Executor fx, Consumer<MetricsSnapshot> sink) {
        this.fx = fx;
        this.sink = sink;
    }

    /** Called on the sampling thread. */
    @Override
    public void accept(MetricsSnapshot s) {
        if (closed) {
            return;
        }
        received.incrementAndGet();
        latest.set(s);
        if (pending.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        // 1. clear the flag first, so a snapshot arriving during apply schedules its own hand-off
        pending.set(false);
        // 2. take the latest (null if an earlier drain already took it)
        MetricsSnapshot s = latest.getAndSet(null);
        if (s != null && !closed) {
            applied.incrementAndGet();
            sink.accept(s);
        }
    }

    /** Stops applying snapshots; a pending hand-off does nothing. */
    public void close() {
        closed = true;
        latest.set(null);
    }

    /** Snapshots received from the sampler. */
    public long received() {
        return received.get();
    }

    /** Snapshots applied on the FX thread. */
    public long applied() {
        return applied.get();
    }
}
