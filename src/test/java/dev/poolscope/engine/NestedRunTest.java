package dev.poolscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolscope.metrics.StallStatus;
import dev.poolscope.pool.QueueOrder;
import dev.poolscope.pool.StallPolicy;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NestedRunTest {
    private static final WorkloadSpec NESTED = WorkloadSpec.parse("nested:depth=2,fanout=2,millis=1");

    private static RunReport run(RunSpec spec) throws Exception {
        try (Run run = RunEngine.standard().start(spec)) {
            return run.await(Duration.ofSeconds(30));
        }
    }

    private static void assertAccounted(RunReport r) {
        var c = r.counts();
        assertEquals(c.submitted(), c.succeeded() + c.failed() + c.cancelled() + c.rejected() + c.timedOut());
    }

    @Test
    void nested_onFixedX2_deadlocks_andOnStallFailEndsTheRunWithEveryTaskAccountedFor() throws Exception {
        RunReport r = run(RunSpec.of("fixed", 2, NESTED, 6)
                .withStallPolicy(new StallPolicy(StallPolicy.Action.FAIL, Duration.ofMillis(200))));
        assertEquals(RunState.COMPLETED, r.state());
        assertAccounted(r);
        assertEquals(6, r.topLevelTasks());
        assertTrue(r.counts().submitted() > 6, "subtasks are counted: " + r.counts());
        assertTrue(r.counts().failed() >= 1);
        assertEquals(1, r.stalls().stream().filter(s -> s.kind().equals(StallStatus.STARVATION_DEADLOCK)).count(), r.stalls().toString());
        assertTrue(r.stalls().get(0).ended());
        assertTrue(r.errors().stream().anyMatch(e -> e.message().contains("starvation deadlock")));
        JsonNode n = ReportJson.mapper().readTree(ReportJson.toJson(r));
        JsonNode s = n.get("stalls").get(0);
        for (String f : new String[]{"kind", "detectedAtMillis", "endedAtMillis", "workers", "waitingOn"}) {
            assertTrue(s.has(f), "stall missing " + f);
        }
        assertEquals("starvation-deadlock", s.get("kind").asText());
        assertEquals(6, n.get("topLevelTasks").asLong());
    }

    @Test
    void nested_onForkJoinX2_completesWithoutAStall() throws Exception {
        RunReport r = run(RunSpec.of("forkjoin", 2, NESTED, 6));
        assertEquals(RunState.COMPLETED, r.state());
        assertEquals(6 * 7, r.counts().submitted());
        assertEquals(6 * 7, r.counts().succeeded());
        assertTrue(r.stalls().isEmpty(), r.stalls().toString());
    }

    @Test
    void nested_withItsSubtasksOnPoolsOfTheirOwn_completesOnFixedX2() throws Exception {
        RunReport r = run(RunSpec.of("fixed", 2, WorkloadSpec.parse("nested:depth=2,fanout=2,millis=1,separate=1"), 6));
        assertEquals(6, r.counts().succeeded());
        assertTrue(r.stalls().isEmpty());
    }

    @Test
    void queueOrders_thatTheWorkloadOrKindCannotServe_areRefusedWithTheReason() {
        RunSpec base = RunSpec.of("fixed", 2, WorkloadSpec.of("noop"), 10);
        InvalidSpecException shortest = assertThrows(InvalidSpecException.class, () ->
                base.withQueueOrder(QueueOrder.SHORTEST).validate(RunEngine.standard().pools(), RunEngine.standard().workloads()));
        assertTrue(shortest.getMessage().contains("sizes"), shortest.getMessage());
        InvalidSpecException priority = assertThrows(InvalidSpecException.class, () ->
                base.withWorkload(WorkloadSpec.of("skewed")).withQueueOrder(QueueOrder.PRIORITY)
                        .validate(RunEngine.standard().pools(), RunEngine.standard().workloads()));
        assertTrue(priority.getMessage().contains("priorities"), priority.getMessage());
        InvalidSpecException kind = assertThrows(InvalidSpecException.class, () ->
                base.withPool("forkjoin").withWorkload(WorkloadSpec.of("skewed")).withQueueOrder(QueueOrder.SHORTEST)
                        .validate(RunEngine.standard().pools(), RunEngine.standard().workloads()));
        assertTrue(kind.getMessage().contains("fixed, virtual, process"), kind.getMessage());
    }

    @Test
    void priorityOrder_servesTheHighClassFirst_andTheReportBreaksLatencyDownByClass() throws Exception {
        RunReport r = run(RunSpec.of("fixed", 1, WorkloadSpec.parse("priority:classes=2,millis=1"), 200)
                .withQueueOrder(QueueOrder.PRIORITY));
        assertEquals(200, r.counts().succeeded());
        assertEquals(2, r.latencyByPriority().size());
        assertTrue(r.latencyByPriority().get(1).p50() < r.latencyByPriority().get(0).p50(), r.latencyByPriority().toString());
        JsonNode n = ReportJson.mapper().readTree(ReportJson.toJson(r));
        assertTrue(n.get("latencyByPriority").get("1").has("p99"));
    }

    @Test
    void shortestFirst_onTheProcessPool_servesEveryTask_andCountsAddUp() throws Exception {
        RunReport r = run(RunSpec.of("process", 1, WorkloadSpec.parse("skewed:millis=0.2,max=5"), 300)
                .withQueueOrder(QueueOrder.SHORTEST));
        assertEquals(RunState.COMPLETED, r.state());
        assertEquals(300, r.counts().succeeded());
        assertAccounted(r);
    }

    @Test
    void nested_onTheProcessPool_isRefused_sayingWhy() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> RunSpec.of("process", 2, NESTED, 5)
                .validate(RunEngine.standard().pools(), RunEngine.standard().workloads()));
        assertTrue(e.getMessage().contains("worker process cannot reach"), e.getMessage());
    }
}
