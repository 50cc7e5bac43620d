package dev.poolscope.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsSamplerTest {

    private static PoolGauges gauges(int n) {
        return new PoolGauges() {
            @Override public int poolSize() { return n; }
            @Override public int liveWorkers() { return n; }
        };
    }

    @Test
    void sample_reportsIntervalAndTotalPercentiles_andSpans() {
        PoolMetrics m = new PoolMetrics();
        WorkerRecorder w = m.addWorker("w0", false);
        long t = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            m.taskSubmitted();
            w.taskStarted(i, t + 1_000);
            w.taskFinished(i, t, t + 1_000, t + 1_000 + (i + 1) * 10_000L, Outcome.SUCCEEDED);
            m.taskEnded(Outcome.SUCCEEDED, null);
        }
        MetricsSampler sampler = new MetricsSampler(m, gauges(1), Duration.ofMillis(100));
        MetricsSnapshot s = sampler.sample();
        assertEquals(100, s.counts().succeeded());
        assertTrue(s.counts().addsUp());
        assertEquals(100, s.latency().count());
        assertTrue(Math.abs(s.service().p50() - 500_000) < 20_000, "median service ~0.5 ms: " + s.service());
        assertEquals(1_000, s.waitTime().p50(), 20);
        assertEquals(PoolMetrics.SPANS_PER_WORKER, s.spans().size());
        assertEquals(99, s.spans().get(s.spans().size() - 1).taskId());
        assertEquals(1, s.workers().size());
        assertEquals(100, s.workers().get(0).tasks());
        assertTrue(!s.latencyHistogram().counts().isEmpty());

        MetricsSnapshot next = sampler.sample();
        assertEquals(0, next.latency().count(), "nothing new in the next interval");
        assertEquals(100, next.totalLatency().count(), "totals keep everything");
        sampler.close();
    }

    @Test
    void counts_deriveTheQueueSoTheyAlwaysAddUp() {
        PoolMetrics m = new PoolMetrics();
        WorkerRecorder w = m.addWorker("w0", false);
        for (int i = 0; i < 5; i++) {
            m.taskSubmitted();
        }
        w.taskStarted(0, System.nanoTime());
        m.taskEnded(Outcome.REJECTED, null);
        Counts c = m.counts();
        assertEquals(5, c.submitted());
        assertEquals(1, c.running());
        assertEquals(1, c.rejected());
        assertEquals(3, c.queued());
        assertTrue(c.addsUp());
    }

    @Test
    void errorTable_groupsMessagesThatDifferOnlyInNumbers() {
        ErrorTable t = new ErrorTable();
        for (int i = 0; i < 30; i++) {
            t.record(Outcome.FAILED, new IllegalStateException("worker " + (i % 2) + " (pid " + (1000 + i) + ") died"));
        }
        assertEquals(1, t.entries().size());
        assertEquals(30, t.entries().get(0).count());
        assertEquals("worker 0 (pid 1000) died", t.entries().get(0).message());
    }

    @Test
    void errorTable_staysBounded() {
        ErrorTable t = new ErrorTable();
        for (int i = 0; i < 1000; i++) {
            t.record(Outcome.FAILED, new RuntimeException("message " + "x".repeat(i % 200) + i));
        }
        assertEquals(ErrorTable.MAX_KINDS + 1, t.entries().size());
        assertEquals(1000, t.entries().stream().mapToLong(ErrorTable.Entry::count).sum());
    }

    @Test
    void sampleSeries_keepsTheWholeRunInViewWhenFull() {
        SampleSeries s = new SampleSeries(16);
        for (int i = 0; i < 1000; i++) {
            s.add(new SamplePoint(i, 1, 0, 0, i + 1, 1, 1_000_000L, 1000, 0, 0, 0, 0));
        }
        assertTrue(s.points().size() <= 17);
        assertTrue(s.points().get(0).elapsedMillis() < 1000 / 8, "the first point is near the start");
        assertTrue(s.points().get(s.points().size() - 1).elapsedMillis() == 999);
        assertEquals(1000, s.points().stream().mapToLong(SamplePoint::ran).sum(), "merged, not dropped: ran adds up");
        assertEquals(1000, s.points().stream().mapToLong(SamplePoint::intervalNanos).sum() / 1_000_000L);
        s.points().forEach(p -> assertEquals(1000, p.throughputPerSecond(), 1e-9, "one task per millisecond"));
    }
}
