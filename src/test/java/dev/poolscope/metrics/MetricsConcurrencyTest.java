package dev.poolscope.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The sampler and the span ring read what writers record while they record it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsConcurrencyTest {
    private static final PoolGauges GAUGES = new PoolGauges() {
        @Override public int poolSize() { return 2; }
        @Override public int liveWorkers() { return 2; }
    };

    @Test
    void workersRetiringWhileTheSamplerRuns_loseNoRecordedValue() throws Exception {
        PoolMetrics m = new PoolMetrics();
        MetricsSampler sampler = new MetricsSampler(m, GAUGES, Duration.ofMillis(10));
        long samplesWanted = 1_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong samples = new AtomicLong();
        AtomicLong recorded = new AtomicLong();
        Thread reader = Thread.ofPlatform().name("test-sampler").start(() -> {
            try {
                while (writing.get()) {
                    sampler.sample();
                    samples.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Thread writer = Thread.ofPlatform().name("test-writer").start(() -> {
            try {
                for (long life = 0; samples.get() < samplesWanted && failure.get() == null; life++) {
                    // begin a life as a sample begins, and end it at varying points of that sample's pass
                    long seen = samples.get();
                    while (samples.get() == seen && reader.isAlive()) {
                        Thread.onSpinWait();
                    }
                    WorkerRecorder w = m.addWorker("w", false);
                    long n = 1 + (life * 7919) % 400;
                    for (long i = 0; i < n; i++) {
                        long id = m.taskSubmitted();
                        long t = System.nanoTime();
                        w.taskStarted(id, t);
                        w.taskFinished(id, t - 1_000, t, t + 5_000, Outcome.SUCCEEDED);
                        w.taskEnded(Outcome.SUCCEEDED, null);
                    }
                    w.retire(); // right after the worker's last values
                    recorded.addAndGet(n);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.join();
        writing.set(false);
        reader.join();
        assertNull(failure.get());
        MetricsSnapshot last = sampler.finalSample();
        long tasks = recorded.get();
        assertEquals(tasks, last.counts().succeeded(), "every outcome counted");
        assertEquals(tasks, last.totalLatency().count(), "every recorded latency harvested");
        assertEquals(tasks, last.totalService().count(), "every recorded service time harvested");
        assertEquals(tasks, last.totalWait().count(), "every recorded wait harvested");
        assertEquals(tasks, sampler.series().stream().mapToLong(SamplePoint::ran).sum(), "the series' ran adds up");
        sampler.close();
    }

    @Test
    void spanRingUnderAConcurrentWriter_handsOutOnlyWholeSpans() throws Exception {
        PoolMetrics m = new PoolMetrics(0);
        PoolMetrics.Worker w = (PoolMetrics.Worker) m.addWorker("w", false);
        int reads = 50_000;
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        CountDownLatch started = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().name("test-span-writer").start(() -> {
            started.countDown();
            long i = 0;
            while (reading.get()) {
                // every field is a function of the task id: a reader can check each span it gets
                long start = i * 3;
                w.taskStarted(i, start);
                w.taskFinished(i, start - 1, start, end(i), outcome(i));
                i++;
            }
            written.set(i);
        });
        started.await();
        long checked = 0;
        List<TaskSpan> out = new ArrayList<>();
        try {
            for (int r = 0; r < reads; r++) {
                out.clear();
                w.spans(0, Long.MIN_VALUE, PoolMetrics.SPANS_PER_WORKER, out);
                long previous = -1;
                for (TaskSpan s : out) {
                    if (s.running()) {
                        continue;
                    }
                    long i = s.taskId();
                    if (i <= previous || s.startNanos() != i * 3 || s.endNanos() != end(i) || s.outcome() != outcome(i)) {
                        fail("span " + s + " after task " + previous + " is torn or out of order");
                    }
                    previous = i;
                    checked++;
                }
            }
        } finally {
            reading.set(false);
            writer.join();
        }
        assertTrue(checked > reads, "the reader got spans while the writer wrote: " + checked);
        out.clear();
        w.spans(0, Long.MIN_VALUE, PoolMetrics.SPANS_PER_WORKER, out);
        assertEquals(PoolMetrics.SPANS_PER_WORKER, out.size(), "a quiet ring hands out all its spans");
        assertEquals(written.get() - 1, out.get(out.size() - 1).taskId());
    }

    private static long end(long i) {
        return i * 3 + 1 + (i * 7919) % 1_000;
    }

    private static Outcome outcome(long i) {
        return Outcome.of((int) (i % Outcome.values().length));
    }
}
