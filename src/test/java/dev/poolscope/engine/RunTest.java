package dev.poolscope.engine;

import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunTest {
    private final RunEngine engine = RunEngine.standard();

    @Test
    void run_completesWithCountsThatAddUp_andSnapshotsThatTraceIt() throws Exception {
        List<MetricsSnapshot> seen = new CopyOnWriteArrayList<>();
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("io:millis=2"), 300).withSampleInterval(Duration.ofMillis(20));
        try (Run run = engine.start(spec)) {
            run.addListener(seen::add);
            RunReport r = run.await(Duration.ofSeconds(30));
            assertEquals(RunState.COMPLETED, r.state());
            Counts c = r.counts();
            assertEquals(300, c.submitted());
            assertEquals(300, c.succeeded());
            assertTrue(c.addsUp());
            assertEquals(0, c.queued() + c.running());
            assertTrue(r.throughputPerSecond() > 0);
            assertTrue(r.latency().p50() >= 2_000_000, "io tasks take at least 2 ms: " + r.latency());
            assertTrue(r.latency().max() >= r.latency().p99());
            assertFalse(r.samples().isEmpty());
            assertEquals(300, r.samples().get(r.samples().size() - 1).ended());
        }
        assertFalse(seen.isEmpty());
        for (MetricsSnapshot s : seen) {
            assertTrue(s.counts().addsUp(), "every snapshot adds up: " + s.counts());
        }
        long maxQueue = seen.stream().mapToLong(MetricsSnapshot::queueDepth).max().orElse(0);
        assertTrue(maxQueue > 0, "all-at-once arrival queues tasks");
    }

    @Test
    void run_resizedWhileRunning_appliesTheNewWorkerCount() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 1, WorkloadSpec.parse("io:millis=5"), 400).withSampleInterval(Duration.ofMillis(20));
        CountDownLatch grown = new CountDownLatch(1);
        try (Run run = engine.start(spec)) {
            run.addListener(s -> {
                if (s.poolSize() == 4 && s.liveWorkers() == 4) {
                    grown.countDown();
                }
            });
            run.resize(4);
            assertTrue(grown.await(20, TimeUnit.SECONDS), "snapshots show the new size");
            assertThrows(InvalidSpecException.class, () -> run.resize(0));
            RunReport r = run.await(Duration.ofSeconds(30));
            assertEquals(4, r.finalWorkers());
            assertEquals(400, r.counts().succeeded());
        }
    }

    @Test
    void stop_cancelsQueuedTasks_andReportsStopped() throws Exception {
        RunSpec spec = RunSpec.of("virtual", 2, WorkloadSpec.parse("io:millis=50"), 10_000).withMaxInFlight(200);
        try (Run run = engine.start(spec)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (run.submitted() < 10 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            run.stop();
            RunReport r = run.await(Duration.ofSeconds(30));
            assertEquals(RunState.STOPPED, r.state());
            Counts c = r.counts();
            assertTrue(c.addsUp());
            assertEquals(c.submitted(), c.ended(), c.toString());
            assertTrue(c.cancelled() > 0, c.toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("stopped after submitting")), r.notes().toString());
        }
    }

    @Test
    void boundedQueueWithAbort_rejectsOverflow_andTheRunGoesOn() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 1, WorkloadSpec.parse("io:millis=5"), 100).withQueue(2, RejectionPolicy.ABORT);
        try (Run run = engine.start(spec)) {
            RunReport r = run.await(Duration.ofSeconds(30));
            assertEquals(RunState.COMPLETED, r.state());
            assertTrue(r.counts().rejected() > 50, r.counts().toString());
            assertEquals(100, r.counts().ended());
        }
    }

    @Test
    void failingWorkload_countsFailuresAndGroupsTheirErrors() throws Exception {
        RunSpec spec = RunSpec.of("forkjoin", 2, WorkloadSpec.parse("failing:p=0.5,millis=0"), 400);
        try (Run run = engine.start(spec)) {
            RunReport r = run.await(Duration.ofSeconds(30));
            assertTrue(r.counts().failed() > 100 && r.counts().failed() < 300, r.counts().toString());
            assertEquals(1, r.errors().size());
            assertEquals(r.counts().failed(), r.errors().get(0).count());
            assertTrue(r.errors().get(0).type().endsWith("WorkloadFailure"));
        }
    }

    @Test
    void taskTimeout_reportsTimedOutTasks() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("skewed:millis=1,alpha=0.6,max=5000,sleep=1"), 60)
                .withTaskTimeout(Duration.ofMillis(50));
        try (Run run = engine.start(spec)) {
            RunReport r = run.await(Duration.ofSeconds(30));
            assertTrue(r.counts().timedOut() > 0, r.counts().toString());
            assertEquals(60, r.counts().ended());
            assertTrue(r.service().max() < TimeUnit.SECONDS.toNanos(2), "timed-out tasks were stopped: " + r.service());
        }
    }

    @Test
    void fixedRateArrivals_spreadSubmissionsOverTime() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("noop"), 50).withArrival(new Arrival.FixedRate(500));
        try (Run run = engine.start(spec)) {
            RunReport r = run.await(Duration.ofSeconds(30));
            assertTrue(r.wallNanos() >= TimeUnit.MILLISECONDS.toNanos(90), "50 tasks at 500/s take about 100 ms");
            assertEquals(50, r.counts().succeeded());
        }
    }

    @Test
    void invalidSpecs_nameTheSettingAndTheAllowedValues() {
        assertInvalid(RunSpec.of("nope", 2, WorkloadSpec.of("cpu"), 10), "--pool", "allowed: fixed");
        assertInvalid(RunSpec.of("fixed", 0, WorkloadSpec.of("cpu"), 10), "--workers", "between 1 and 1024");
        assertInvalid(RunSpec.of("fixed", 2, WorkloadSpec.of("cpu"), -1), "--tasks", "between 0 and");
        assertInvalid(RunSpec.of("fixed", 2, WorkloadSpec.of("zzz"), 10), "--workload", "allowed: cpu");
        assertInvalid(RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:nope=1"), 10), "--workload", "allowed: size");
        assertInvalid(RunSpec.of("fixed", 2, WorkloadSpec.parse("failing:p=2"), 10), "--workload", "between 0 and 1");
        assertInvalid(RunSpec.of("fixed", 2, WorkloadSpec.of("cpu"), 10).withArrival(new Arrival.FixedRate(-1)), "--rate", "tasks per second");
        assertInvalid(RunSpec.of("fixed", 2, WorkloadSpec.of("cpu"), 10).withSampleInterval(Duration.ofMillis(1)), "--sample-interval", "between 10ms");
    }

    private void assertInvalid(RunSpec spec, String field, String fragment) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> engine.start(spec));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void durations_parseTheUsualForms() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("2s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(1), Durations.parse("1m"));
        assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
        assertEquals(Duration.ofSeconds(3), Durations.parse("PT3S"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("fast"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("10"));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    }
}
