package dev.poolscope.host;

import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.StallStatus;
import dev.poolscope.pool.QueueOrder;
import dev.poolscope.pool.StallPolicy;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The engine host's protocol carries stalls: live in snapshots, and in the report. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StallOverTheWireTest {

    @Test
    void aDeadlockedRunsSnapshotsAndReport_keepTheirStallsOnTheWire() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 1, WorkloadSpec.parse("nested:depth=1,fanout=1,millis=0"), 2)
                .withStallPolicy(new StallPolicy(StallPolicy.Action.FAIL, Duration.ofMillis(300)))
                .withQueueOrder(QueueOrder.LIFO)
                .withSampleInterval(Duration.ofMillis(20));
        java.util.concurrent.atomic.AtomicReference<MetricsSnapshot> stalled = new java.util.concurrent.atomic.AtomicReference<>();
        RunReport report;
        try (Run run = RunEngine.standard().start(spec)) {
            run.addListener(s -> {
                if (s.stall() != null) {
                    stalled.compareAndSet(null, s);
                }
            });
            report = run.await(Duration.ofSeconds(20));
        }
        assertNotNull(stalled.get(), "no snapshot showed the stall");
        HostEvent.Snapshot back = (HostEvent.Snapshot) HostJson.read(HostJson.line(new HostEvent.Snapshot(stalled.get())), HostEvent.class);
        assertEquals(stalled.get().stall(), back.snapshot().stall());
        assertEquals(StallStatus.STARVATION_DEADLOCK, back.snapshot().stall().kind());
        HostEvent.Report r = (HostEvent.Report) HostJson.read(HostJson.line(new HostEvent.Report(report, null)), HostEvent.class);
        assertEquals(report.stalls(), r.report().stalls());
        assertEquals(2, r.report().topLevelTasks());
        assertEquals(QueueOrder.LIFO, r.report().spec().queueOrder());
        assertEquals(spec.stallPolicy(), r.report().spec().stallPolicy());
    }
}
