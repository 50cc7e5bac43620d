package dev.poolscope.ui.run;

import dev.poolscope.metrics.ChartSample;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.MissedSamples;
import dev.poolscope.metrics.SnapshotListener;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Carries a run's snapshots from the sampling thread to the FX thread,
 * coalesced: at most one hand-off is pending at a time and it applies the
 * latest snapshot. Of the older ones it finds replaced, only what the live
 * series need ({@link ChartSample}) is kept and handed over with the latest,
 * in order ({@link MissedSamples}), so a chart loses no sample however long
 * the FX thread was held up. The samples of snapshots dropped before they
 * reached this JVM ({@link #missed}) join them. After {@link #close()}
 * nothing more is applied.
 */
public final class SnapshotAdapter implements SnapshotListener {
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private MetricsSnapshot latest;
    /** The series' part of the snapshots {@link #latest} replaced since the last hand-off, oldest first; guarded by {@link #lock}. */
    private final MissedSamples missedSamples = new MissedSamples();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final Executor fx;
    private final BiConsumer<List<ChartSample>, MetricsSnapshot> sink;
    private volatile boolean closed;

    /**
     * @param fx runs hand-offs on the FX thread ({@code Platform::runLater})
     * @param sink applies a snapshot, on the FX thread
     */
    public SnapshotAdapter(Executor fx, Consumer<MetricsSnapshot> sink) {
        this(fx, (points, s) -> sink.accept(s));
    }

    /**
     * @param fx runs hand-offs on the FX thread ({@code Platform::runLater})
     * @param sink applies the series' part of the snapshots replaced since the last
     *        hand-off (oldest first, possibly none) and then the latest snapshot, on the FX thread
     */
    public SnapshotAdapter(Executor fx, BiConsumer<List<ChartSample>, MetricsSnapshot> sink) {
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
        synchronized (lock) {
            if (latest != null) {
                missedSamples.add(ChartSample.of(latest));
            }
            latest = s;
        }
        if (pending.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    /** Called on the thread that delivers snapshots, before the next one: a snapshot dropped on the way. */
    @Override
    public void missed(ChartSample sample) {
        if (closed) {
            return;
        }
        synchronized (lock) {
            if (latest != null) {
                missedSamples.add(ChartSample.of(latest)); // it came before the dropped one
                latest = null;
            }
            missedSamples.add(sample);
        }
    }

    private void drain() {
        // 1. clear the flag first, so a snapshot arriving during apply schedules its own hand-off
        pending.set(false);
        // 2. take the latest and the samples before it (none if an earlier drain already took them)
        MetricsSnapshot s;
        List<ChartSample> before;
        synchronized (lock) {
            s = latest;
            latest = null;
            before = s == null ? List.of() : missedSamples.drain(); // without a snapshot they wait for the next
        }
        if (s != null && !closed) {
            applied.incrementAndGet();
            sink.accept(before, s);
        }
    }

    /** Stops applying snapshots; a pending hand-off does nothing. */
    public void close() {
        closed = true;
        synchronized (lock) {
            latest = null;
            missedSamples.clear();
        }
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
