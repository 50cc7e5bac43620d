package dev.poolscope.host;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.ChartSample;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.TaskSpan;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine host's wire format: the engine's records survive a trip through one JSON line unchanged. */
@Timeout(60)
class HostJsonTest {

    @Test
    void reportAndSnapshot_ofARealRun_readBackEqual() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("failing:p=0.2,millis=0.1"), 300)
                .withQueue(8, RejectionPolicy.CALLER_RUNS)
                .withArrival(new Arrival.Batches(50, Duration.ofMillis(5)))
                .withTaskTimeout(Duration.ofMillis(750))
                .withSampleInterval(Duration.ofMillis(20));
        try (Run run = RunEngine.standard().start(spec)) {
            RunReport report = run.await(Duration.ofSeconds(30));
            MetricsSnapshot last = run.latest();
            String line = HostJson.line(new HostEvent.Report(report, last));
            assertFalse(line.contains("\n"), "one message is one line");
            HostEvent.Report back = assertInstanceOf(HostEvent.Report.class, HostJson.read(line, HostEvent.class));
            assertEquals(report, back.report());
            assertEquals(last, back.last());
            assertTrue(report.counts().failed() > 0, "the run should have failures to carry: " + report.counts());
        }
    }

    @Test
    void snapshot_carriesTheNumbersOfRejectedTasks_throughTheLine() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 1, WorkloadSpec.parse("io:millis=20"), 40)
                .withQueue(1, RejectionPolicy.ABORT)
                .withSampleInterval(Duration.ofMillis(20));
        try (Run run = RunEngine.standard().start(spec)) {
            RunReport report = run.await(Duration.ofSeconds(30));
            MetricsSnapshot last = run.latest();
            assertTrue(report.counts().rejected() > 0, "a full queue of 1 should reject: " + report.counts());
            assertFalse(last.cancelsAndRejects().isEmpty(), "the snapshot names the rejected tasks");
            assertTrue(last.cancelsAndRejects().stream().allMatch(c -> c.outcome() == Outcome.REJECTED));
            MetricsSnapshot back = assertInstanceOf(HostEvent.Snapshot.class,
                    HostJson.read(HostJson.line(new HostEvent.Snapshot(last)), HostEvent.class)).snapshot();
            assertEquals(last, back);
            List<ChartSample> dropped = List.of(ChartSample.of(last), ChartSample.of(last));
            HostEvent.Snapshot withDropped = assertInstanceOf(HostEvent.Snapshot.class,
                    HostJson.read(HostJson.line(new HostEvent.Snapshot(last, dropped)), HostEvent.class));
            assertEquals(dropped, withDropped.before(), "the samples of snapshots dropped on the way travel with it");
            assertEquals(last.cancelsAndRejects(), EngineHost.capped(last).cancelsAndRejects(), "capping spans keeps them");
        }
    }

    @Test
    void requests_keepTheirKindAndSpec_forEveryArrivalPattern() {
        for (Arrival a : List.of(new Arrival.AllAtOnce(), new Arrival.FixedRate(12.5), new Arrival.Poisson(3),
                new Arrival.Batches(7, Duration.ofMillis(1500)))) {
            RunSpec spec = RunSpec.of("process", 3, WorkloadSpec.parse("cpu:size=1000"), 10).withArrival(a)
                    .withProcessOptions(5, List.of("-Xmx64m"));
            HostRequest back = HostJson.read(HostJson.line(new HostRequest.Start(7, spec)), HostRequest.class);
            assertEquals(new HostRequest.Start(7, spec), back);
        }
        assertEquals(new HostRequest.KillWorker(3, 2), HostJson.read(HostJson.line(new HostRequest.KillWorker(3, 2)), HostRequest.class));
    }

    @Test
    void malformedLine_isRejectedWithOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostJson.read("{\"type\":\"nonsense\"}", HostRequest.class));
        assertTrue(e.getMessage().startsWith("malformed host message"), e.getMessage());
    }

    @Test
    void snapshotWithManySpans_isCappedToTheNewest() throws Exception {
        MetricsSnapshot real;
        try (Run run = RunEngine.standard().start(RunSpec.of("fixed", 1, WorkloadSpec.parse("noop"), 10))) {
            run.await(Duration.ofSeconds(30));
            real = run.latest();
        }
        List<TaskSpan> spans = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            spans.add(new TaskSpan(i % 4, i, i * 10L, i * 10L + 5, Outcome.SUCCEEDED));
        }
        MetricsSnapshot many = real.withSpans(spans);
        MetricsSnapshot capped = EngineHost.capped(many);
        assertEquals(EngineHost.MAX_SPANS, capped.spans().size());
        long oldestKept = capped.spans().stream().mapToLong(TaskSpan::startNanos).min().orElseThrow();
        assertEquals((2000 - EngineHost.MAX_SPANS) * 10L, oldestKept, "the newest spans are kept");
        assertEquals(many.counts(), capped.counts());
        MetricsSnapshot few = real.withSpans(spans.subList(0, 10));
        assertEquals(few, EngineHost.capped(few));
    }
}
