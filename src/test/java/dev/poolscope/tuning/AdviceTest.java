package dev.poolscope.tuning;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.engine.RunState;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.metrics.SamplePoint;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Advice from synthetic reports whose figures are known. */
class AdviceTest {
    private static final long MS = 1_000_000;

    private static Percentiles mean(double meanNanos) {
        long m = (long) meanNanos;
        return new Percentiles(100, meanNanos, m, m, m, m);
    }

    private static RunReport report(RunSpec spec, Counts counts, long wall, Percentiles wait, Percentiles service,
                                    long cpu, List<ErrorTable.Entry> errors, List<SamplePoint> samples) {
        return new RunReport(spec, RunState.COMPLETED, spec.workers(), counts, wall, 0, counts.throughput(wall),
                mean(wait.mean() + service.mean()), wait, service, cpu, 0, List.of(), errors, samples, List.of());
    }

    private static Counts ok(long n) {
        return new Counts(n, n, 0, 0, 0, 0, 0, 0);
    }

    private static List<String> topics(List<Suggestion> s) {
        return s.stream().map(Suggestion::topic).toList();
    }

    @Test
    void cpuBound_onMoreWorkersThanCores_suggestsTheCoreCount() {
        // 400 tasks of 3 ms CPU on 8 workers, 2 cores: 0.6 s wall, 1.2 s CPU, service stretched to 12 ms
        RunSpec spec = RunSpec.of("fixed", 8, WorkloadSpec.of("cpu"), 400);
        List<Suggestion> s = Advice.of(report(spec, ok(400), 600 * MS, mean(300 * MS), mean(12 * MS), 1200 * MS,
                List.of(), List.of()), 2);
        Suggestion first = s.get(0);
        assertEquals("more workers than cores", first.topic());
        assertTrue(first.text().contains("try 2"), first.text());
        assertEquals("2.0 of 2; 8 vs 2", first.value());
    }

    @Test
    void cpuBound_onFewerWorkersThanCores_pointsAtTheIdleCores() {
        RunSpec spec = RunSpec.of("fixed", 1, WorkloadSpec.of("cpu"), 400);
        List<Suggestion> s = Advice.of(report(spec, ok(400), 1200 * MS, mean(600 * MS), mean(3 * MS), 1180 * MS,
                List.of(), List.of()), 4);
        assertEquals(List.of("idle cores"), topics(s));
        assertTrue(s.get(0).text().contains("up to 4 workers"), s.get(0).text());
    }

    @Test
    void ioBound_withQueueing_suggestsMoreWorkersOrVirtualThreads() {
        // 400 tasks of 20 ms sleep on 2 workers: 4 s wall, almost no CPU
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.of("io"), 400);
        List<Suggestion> s = Advice.of(report(spec, ok(400), 4000 * MS, mean(2000 * MS), mean(20 * MS), 40 * MS,
                List.of(), List.of()), 2);
        assertEquals("I/O-bound and queued", s.get(0).topic());
        assertTrue(s.get(0).text().contains("virtual threads"), s.get(0).text());
        assertTrue(s.get(0).value().startsWith("1%"), s.get(0).value());
    }

    @Test
    void failuresAndRejections_comeFirst_withTheirCounts() {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.of("failing"), 100).withQueue(10, RejectionPolicy.ABORT);
        Counts c = new Counts(100, 60, 10, 0, 30, 0, 0, 0);
        List<Suggestion> s = Advice.of(report(spec, c, 100 * MS, mean(MS), mean(MS), 100 * MS,
                List.of(new ErrorTable.Entry("WorkloadFailure", "injected failure (p=0.1)", 10)), List.of()), 2);
        assertEquals(List.of("failures", "rejections"), topics(s).subList(0, 2));
        assertEquals("10 of 100", s.get(0).value());
        assertTrue(s.get(0).text().contains("WorkloadFailure"), s.get(0).text());
        assertTrue(s.get(1).text().contains("capacity 10") && s.get(1).text().contains("abort"), s.get(1).text());
    }

    @Test
    void growingQueue_underARate_isReported() {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.of("io"), 1000).withArrival(new Arrival.FixedRate(200));
        List<SamplePoint> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            samples.add(new SamplePoint(i * 100L, 2, i * 5L, 2, i * 10L, 10, 100_000_000L, 100, 1, 1, 1, 0.01));
        }
        List<Suggestion> s = Advice.of(report(spec, ok(1000), 10_000 * MS, mean(500 * MS), mean(20 * MS), 100 * MS,
                List.of(), samples), 2);
        assertTrue(topics(s).contains("growing queue"), topics(s).toString());
        Suggestion g = s.stream().filter(x -> x.topic().equals("growing queue")).findFirst().orElseThrow();
        assertTrue(g.text().contains("100 tasks/s"), g.text());
    }

    @Test
    void skewedServiceTimes_suggestWorkStealing() {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.of("skewed"), 400);
        Percentiles service = new Percentiles(400, 5 * MS, MS, 3 * MS, 50 * MS, 200 * MS);
        List<Suggestion> s = Advice.of(report(spec, ok(400), 1000 * MS, mean(0), service, 1900 * MS, List.of(), List.of()), 2);
        assertTrue(topics(s).contains("skewed tasks"), topics(s).toString());
    }

    @Test
    void quietRun_saysNothingStandsOut_withAFigure() {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.of("cpu"), 400);
        List<Suggestion> s = Advice.of(report(spec, ok(400), 600 * MS, mean(0), mean(3 * MS), 1200 * MS, List.of(), List.of()), 2);
        assertEquals(1, s.size());
        assertEquals("worker utilisation", s.get(0).figure());
        assertFalse(s.get(0).value().isBlank());
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    void realRuns_getAdvice_eachNamingAFigureAndItsValue() throws Exception {
        dev.poolscope.engine.RunEngine engine = dev.poolscope.engine.RunEngine.standard();
        for (String w : List.of("cpu:size=2000", "io:millis=2", "failing:p=0.5,millis=0")) {
            RunSpec spec = RunSpec.of("fixed", 4, WorkloadSpec.parse(w), 40);
            try (dev.poolscope.engine.Run run = engine.start(spec)) {
                RunReport r = run.await(java.time.Duration.ofSeconds(30));
                List<Suggestion> advice = Advice.of(r);
                assertFalse(advice.isEmpty(), w);
                for (Suggestion s : advice) {
                    assertFalse(s.figure().isBlank() || s.value().isBlank() || s.text().isBlank(), s.toString());
                }
                if (w.startsWith("failing")) {
                    assertEquals("failures", advice.get(0).topic());
                }
            }
        }
    }
}
