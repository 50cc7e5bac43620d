package dev.poolscope.tuning;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.Counts;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule set the live hint and the advice share, on fixed figures. */
class PoolRulesTest {
    private static String topic(int workers, double coresUsed, double share, boolean queued) {
        return PoolRules.cpu(new PoolRules.Figures(workers, 2, coresUsed, share, queued)).map(Suggestion::topic).orElse("none");
    }

    @Test
    void eachRule_firesOnItsFigures_andNotJustBelowItsThreshold() {
        assertEquals("more workers than cores", topic(8, 1.9, 0.25, true));
        assertEquals("CPU saturated", topic(2, 1.9, 1.0, true));
        assertEquals("idle cores", topic(1, 1.0, 1.0, true));
        assertEquals("none", topic(1, 1.0, 1.0, false));
        assertEquals("none", topic(1, 1.0, 0.69, true));
        assertEquals("I/O-bound and queued", topic(8, 0.2, 0.05, true));
        assertEquals("none", topic(8, 0.2, 0.05, false));
        assertEquals("none", topic(8, 0.2, Double.NaN, true));
        assertEquals("none", topic(8, 1.69, 0.5, true), "just below saturation (0.85 x 2 = 1.7)");
    }

    @Test
    void suggestions_nameTheirFigures() {
        Suggestion s = PoolRules.cpu(new PoolRules.Figures(4, 2, 1.96, 0.5, true)).orElseThrow();
        assertEquals("cores used; workers vs cores", s.figure());
        assertEquals("2.0 of 2; 4 vs 2", s.value());
        assertTrue(s.text().contains("4 workers share 2 cores"), s.text());
    }

    private static final long MS = 1_000_000;

    private static PoolFigures figures(RunSpec spec, Counts c, double coresUsed, double share, boolean queued,
                                       double waitMs, double serviceMs, double utilisation, double queueFirst, double queueLast) {
        return new PoolFigures(spec, c, 0, "", spec.workers(), 2, coresUsed, share, queued, waitMs * MS, serviceMs * MS,
                (long) (waitMs * MS), (long) (serviceMs * MS), (long) (serviceMs * 2 * MS), utilisation, queueFirst, queueLast);
    }

    private static List<String> topics(PoolFigures f) {
        return PoolRules.all(f).stream().map(Suggestion::topic).toList();
    }

    @Test
    void all_putsFailuresAndRejectionsBeforeTheCpuRules() {
        RunSpec spec = RunSpec.of("fixed", 8, WorkloadSpec.of("cpu"), 100);
        Counts c = new Counts(100, 80, 15, 0, 5, 0, 0, 0);
        assertEquals(List.of("failures", "rejections", "more workers than cores"),
                topics(figures(spec, c, 1.9, 0.9, true, 1, 1, 0.9, Double.NaN, Double.NaN)));
        Counts clean = new Counts(100, 100, 0, 0, 0, 0, 0, 0);
        assertEquals(List.of("more workers than cores"), topics(figures(spec, clean, 1.9, 0.9, true, 1, 1, 0.9, Double.NaN, Double.NaN)));
    }

    @Test
    void all_withCoresUsedUnknown_skipsTheCpuRules_andSaysNothingWhenNothingElseApplies() {
        RunSpec spec = RunSpec.of("fixed", 8, WorkloadSpec.of("cpu"), 100);
        Counts clean = new Counts(100, 100, 0, 0, 0, 0, 0, 0);
        PoolFigures f = figures(spec, clean, Double.NaN, Double.NaN, true, 1, 1, 0.9, Double.NaN, Double.NaN);
        assertEquals(List.of(), topics(f));
        Suggestion none = PoolRules.nothingStandsOut(f);
        assertEquals("90%", none.value());
    }

    @Test
    void all_underARate_readsQueueingGrowthAndIdleWorkers_butNotWithAllTasksAtOnce() {
        RunSpec rated = RunSpec.of("fixed", 2, WorkloadSpec.of("io"), 1000).withArrival(new Arrival.FixedRate(100));
        Counts clean = new Counts(1000, 1000, 0, 0, 0, 0, 0, 0);
        assertEquals(List.of("queueing", "growing queue"),
                topics(figures(rated, clean, Double.NaN, Double.NaN, true, 500, 20, 0.9, 5, 60)));
        assertEquals(List.of("queueing"), topics(figures(rated, clean, Double.NaN, Double.NaN, true, 500, 20, 0.9, 5, 14)),
                "a rise of 9 tasks is not growth");
        assertEquals(List.of("idle workers"), topics(figures(rated, clean, Double.NaN, Double.NaN, false, 0.1, 20, 0.2, 0, 0)));
        assertEquals(List.of(), topics(figures(rated, clean, Double.NaN, Double.NaN, false, 0.1, 20, 0.41, 0, 0)),
                "just above the idle threshold");
        RunSpec atOnce = RunSpec.of("fixed", 2, WorkloadSpec.of("io"), 1000);
        assertEquals(List.of(), topics(figures(atOnce, clean, Double.NaN, Double.NaN, true, 500, 20, 0.2, 5, 60)));
    }
}
