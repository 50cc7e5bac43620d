package dev.poolscope.ui.model;

import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.ChartSample;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.HistogramBuckets;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class LiveRunModelTest {
    private final LiveRunModel model = new LiveRunModel(2);

    private static MetricsSnapshot snapshot(long seq, long ended, long queued, double cpu, int poolSize) {
        Counts c = new Counts(ended + queued, ended, 0, 0, 0, 0, 0, queued);
        Percentiles lat = new Percentiles(10, 2_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000);
        HistogramBuckets h = new HistogramBuckets(List.of(1.0, 2.0, 4.0, 8.0), List.of(0L, 0L, 3L, 7L));
        return new MetricsSnapshot(seq, (seq + 1) * 100_000_000L, 100_000_000L, poolSize, poolSize, poolSize, queued, c,
                10, 10, 100, lat, lat, lat, lat, lat, lat, h, cpu, List.of(), List.of());
    }

    @Test
    void apply_movesProgressSeriesAndFigures() {
        model.begin(RunSpec.of("fixed", 4, WorkloadSpec.of("cpu"), 100));
        assertEquals(RunPhase.STARTING, model.getPhase());
        model.started();
        model.apply(snapshot(0, 10, 90, 0.95, 4));
        model.apply(snapshot(1, 25, 75, 0.97, 4));
        assertEquals(0.25, model.progressProperty().get(), 1e-9);
        assertTrue(model.progressTextProperty().get().startsWith("25 / 100"), model.progressTextProperty().get());
        assertTrue(model.progressTextProperty().get().contains("ETA"));
        assertEquals(2, model.queueDepth().size());
        assertEquals(2, model.p99().size());
        assertEquals(4.0, model.p99().data().get(1).y(), 1e-9);
        assertEquals(2, model.histogram().size(), "empty leading buckets are left out");
        assertTrue(model.insightProperty().get().contains("4 workers share 2 cores"), model.insightProperty().get());
        assertTrue(model.littlesLawProperty().get().startsWith("L = "), model.littlesLawProperty().get());
    }

    @Test
    void snapshotsTheFxThreadNeverSaw_stillGetTheirPointsInTheSeries_withTheSameRates() {
        model.begin(RunSpec.of("fixed", 4, WorkloadSpec.of("cpu"), 100));
        model.started();
        model.apply(snapshot(0, 10, 90, 0.95, 4));
        // the FX thread was held up for three samples: two come as points with the third
        model.apply(List.of(ChartSample.of(snapshot(1, 20, 80, 0.95, 4)), ChartSample.of(snapshot(2, 30, 70, 0.95, 4))),
                snapshot(3, 40, 60, 0.95, 4));
        assertEquals(List.of(90.0, 80.0, 70.0, 60.0), model.queueDepth().data().stream().map(ChartPoint::y).toList());
        assertEquals(4, model.throughputSeries().size());
        for (ChartPoint p : model.throughputSeries().data()) {
            assertEquals(100.0, p.y(), 1e-6, "10 tasks in each 100 ms interval");
        }
        assertEquals(4, model.active().size());
        assertEquals(4, model.p99().size());
        assertEquals(0.4, model.progressProperty().get(), 1e-9);
        // a sample already shown is not drawn twice
        model.apply(List.of(ChartSample.of(snapshot(3, 40, 60, 0.95, 4))), snapshot(4, 50, 50, 0.95, 4));
        assertEquals(5, model.queueDepth().size());
    }

    @Test
    void aStall_takesThePlaceOfTheUsualHint_namingTheWorkersAndTheTasksTheyWaitFor() {
        model.begin(RunSpec.of("fixed", 2, WorkloadSpec.of("nested"), 20));
        model.started();
        MetricsSnapshot b = snapshot(0, 0, 40, 0.01, 2);
        var stall = new dev.poolscope.metrics.StallStatus(dev.poolscope.metrics.StallStatus.STARVATION_DEADLOCK,
                List.of("fixed-0", "fixed-1"), List.of(20L, 22L),
                List.of("fixed-0 waits for task 20 (queued)", "fixed-1 waits for task 22 (queued)"), 400, 2, 1, 0);
        model.apply(new MetricsSnapshot(b.sequence(), b.elapsedNanos(), b.intervalNanos(), 2, 2, 2, 40, b.counts(),
                0, 0, 0, b.latency(), b.waitTime(), b.service(), b.totalLatency(), b.totalWait(), b.totalService(),
                b.latencyHistogram(), 0.01, List.of(), List.of(), stall, List.of()));
        String hint = model.insightProperty().get();
        assertTrue(hint.startsWith("Starvation deadlock"), hint);
        assertTrue(hint.contains("fixed-0 → task 20 (queued)") && hint.contains("fixed-1 → task 22 (queued)"), hint);
        model.apply(snapshot(1, 0, 40, 0.95, 2));
        assertTrue(!model.insightProperty().get().contains("deadlock"), "the hint returns once the stall is over");
    }

    @Test
    void workerProcessCpu_isAddedToThisJvms() {
        model.begin(RunSpec.of("process", 2, WorkloadSpec.of("cpu"), 100));
        for (int i = 0; i < 3; i++) {
            MetricsSnapshot base = snapshot(i, 10L * i, 50, 0.05, 2);
            var workers = List.of(
                    new dev.poolscope.metrics.WorkerSnapshot(0, "process-0", dev.poolscope.metrics.WorkerState.BUSY, 1, i, 0, 100, i * 100_000_000L, 50_000_000, 30),
                    new dev.poolscope.metrics.WorkerSnapshot(1, "process-1", dev.poolscope.metrics.WorkerState.BUSY, 1, i, 0, 101, i * 100_000_000L, 50_000_000, 30));
            model.apply(new MetricsSnapshot(base.sequence(), base.elapsedNanos(), base.intervalNanos(), 2, 2, 2, 50, base.counts(),
                    10, 10, 100, base.latency(), base.waitTime(), base.service(), base.totalLatency(), base.totalWait(),
                    base.totalService(), base.latencyHistogram(), 0.05, workers, List.of()));
        }
        // each worker used 100 ms of CPU per 100 ms: both cores busy, this JVM 5 %
        assertTrue(model.cpuProperty().get().startsWith("100% of 2 cores"), model.cpuProperty().get());
        assertTrue(model.cpuProperty().get().contains("workers 100%"), model.cpuProperty().get());
        assertTrue(model.insightProperty().get().startsWith("CPU is saturated"), model.insightProperty().get());
        assertEquals(2, model.workerRows().size());
    }

    @Test
    void liveHint_appliesTheAdvicesRules_failuresBeforeCpu() {
        model.begin(RunSpec.of("fixed", 4, WorkloadSpec.of("cpu"), 100));
        model.started();
        MetricsSnapshot base = snapshot(0, 20, 10, 0.95, 4);
        Counts failing = new Counts(30, 12, 8, 0, 0, 0, 0, 10);
        model.apply(new MetricsSnapshot(base.sequence(), base.elapsedNanos(), base.intervalNanos(), 4, 4, 4, 10, failing,
                10, 10, 100, base.latency(), base.waitTime(), base.service(), base.totalLatency(), base.totalWait(),
                base.totalService(), base.latencyHistogram(), 0.95, List.of(), List.of()));
        assertTrue(model.insightProperty().get().contains("of tasks failed"), model.insightProperty().get());
    }

    @Test
    void seriesBuffer_staysBounded_andKeepsTheNewestPoint() {
        SeriesBuffer b = new SeriesBuffer("x", 100);
        for (int i = 0; i < 10_000; i++) {
            b.add(i, i);
        }
        assertTrue(b.size() <= 100, "size " + b.size());
        assertEquals(9_999, (int) b.data().get(b.size() - 1).x());
        assertEquals(0, (int) b.data().get(0).x(), "the start of the run stays in view");
    }

    @Test
    void finish_withARealRunsReport_showsItsEnd() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:size=2000"), 60);
        model.begin(spec);
        try (Run run = RunEngine.standard().start(spec)) {
            run.addListener(s -> { }); // listeners run on the sampler; this test applies the report only
            RunReport r = run.await(Duration.ofSeconds(20));
            model.finish(r);
        }
        assertEquals(RunPhase.COMPLETED, model.getPhase());
        assertEquals(1.0, model.progressProperty().get(), 1e-9);
        assertTrue(model.statusProperty().get().startsWith("Completed: fixed x2"), model.statusProperty().get());
    }
}
