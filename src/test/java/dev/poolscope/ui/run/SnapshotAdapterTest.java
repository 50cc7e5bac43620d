package dev.poolscope.ui.run;

import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.HistogramBuckets;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.metrics.ChartSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class SnapshotAdapterTest {
    private final Queue<Runnable> fxQueue = new ArrayDeque<>();
    private final List<Long> applied = new ArrayList<>();
    private final SnapshotAdapter adapter = new SnapshotAdapter(fxQueue::add, s -> applied.add(s.sequence()));
    /** The sequence numbers of the samples each hand-off of {@link #withSamples()} brought. */
    private final List<List<Long>> before = new ArrayList<>();

    /** An adapter whose hand-offs record their samples in {@link #before} and their snapshot in {@link #applied}. */
    private SnapshotAdapter withSamples() {
        return new SnapshotAdapter(fxQueue::add, (points, s) -> {
            before.add(points.stream().map(ChartSample::sequence).toList());
            applied.add(s.sequence());
        });
    }

    static MetricsSnapshot snapshot(long seq) {
        return new MetricsSnapshot(seq, seq * 100_000_000L, 100_000_000L, 2, 2, 1, 0, Counts.ZERO, 0, 0, 0,
                Percentiles.EMPTY, Percentiles.EMPTY, Percentiles.EMPTY, Percentiles.EMPTY, Percentiles.EMPTY,
                Percentiles.EMPTY, HistogramBuckets.EMPTY, 0.5, List.of(), List.of());
    }

    @Test
    void burstOfSnapshots_schedulesOneHandOff_andTheLatestWins() {
        for (long i = 0; i < 5; i++) {
            adapter.accept(snapshot(i));
        }
        assertEquals(1, fxQueue.size());
        fxQueue.poll().run();
        assertEquals(List.of(4L), applied);
        assertEquals(5, adapter.received());
        assertEquals(1, adapter.applied());
    }

    @Test
    void theSnapshotsALateHandOffReplaced_comeWithTheLatest_asPointsInOrder() {
        SnapshotAdapter a = withSamples();
        for (long i = 0; i < 5; i++) {
            a.accept(snapshot(i));
        }
        fxQueue.poll().run();
        a.accept(snapshot(5));
        fxQueue.poll().run();
        assertEquals(List.of(4L, 5L), applied);
        assertEquals(List.of(List.of(0L, 1L, 2L, 3L), List.of()), before);
    }

    @Test
    void snapshotsDroppedBeforeThisJvm_joinTheSamplesOfTheNextHandOff_inOrder() {
        SnapshotAdapter a = withSamples();
        a.accept(snapshot(0));
        a.missed(ChartSample.of(snapshot(1)));
        a.missed(ChartSample.of(snapshot(2)));
        a.accept(snapshot(3));
        fxQueue.forEach(Runnable::run);
        assertEquals(List.of(3L), applied);
        assertEquals(List.of(List.of(0L, 1L, 2L)), before);
    }

    @Test
    void snapshotAfterAHandOff_schedulesAnother() {
        adapter.accept(snapshot(0));
        fxQueue.poll().run();
        adapter.accept(snapshot(1));
        assertEquals(1, fxQueue.size());
        fxQueue.poll().run();
        assertEquals(List.of(0L, 1L), applied);
    }

    @Test
    void close_dropsPendingAndLaterSnapshots() {
        adapter.accept(snapshot(0));
        adapter.close();
        adapter.accept(snapshot(1));
        fxQueue.forEach(Runnable::run);
        assertEquals(List.of(), applied);
    }
}
