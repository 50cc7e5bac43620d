package dev.poolscope.tuning;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommenderTest {

    private static SweepPoint point(int n, double x, double p99Micros, double... reps) {
        List<Double> r = new ArrayList<>();
        for (double v : reps) {
            r.add(v);
        }
        if (r.isEmpty()) {
            r.add(x);
        }
        return new SweepPoint("fixed", n, x, p99Micros / 2, p99Micros, r, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    /** CPU-bound on 2 cores: flat from 2 on, with small noise. */
    private static List<SweepPoint> cpuBound() {
        return List.of(point(1, 330, 2400), point(2, 650, 1250), point(3, 655, 1240), point(4, 640, 1260),
                point(5, 662, 1230), point(6, 648, 1240), point(7, 651, 1250), point(8, 660, 1245));
    }

    @Test
    void smallestCountWithinFivePercentOfTheBest_isRecommended() {
        Recommendation r = Recommender.recommend("fixed", cpuBound(), null, null, 2);
        assertEquals(2, r.workers());
        assertEquals(Recommendation.Rule.NEAR_BEST_THROUGHPUT, r.rule());
        assertTrue(r.explanation().contains("2 workers") && r.explanation().contains("662"), r.explanation());
    }

    @Test
    void justOutsideFivePercent_isNotEnough() {
        List<SweepPoint> pts = List.of(point(1, 100, 1), point(2, 94, 1), point(3, 100, 1));
        assertEquals(1, Recommender.recommend("fixed", pts, null, null, 2).workers());
        List<SweepPoint> pts2 = List.of(point(1, 94.9, 1), point(2, 100, 1));
        assertEquals(2, Recommender.recommend("fixed", pts2, null, null, 2).workers());
    }

    @Test
    void risingToTheEnd_recommendsTheLargestAndSaysSo() {
        List<SweepPoint> io = List.of(point(1, 50, 1), point(2, 100, 1), point(4, 199, 1), point(8, 395, 1));
        Recommendation r = Recommender.recommend("virtual", io, null, null, 2);
        assertEquals(8, r.workers());
        assertTrue(r.explanation().contains("still rising"), r.explanation());
    }

    @Test
    void bestAtTheLargestCount_butSmallerWithinFivePercent_saysSweepFurther() {
        List<SweepPoint> io = List.of(point(1, 50, 1), point(4, 190, 1), point(7, 330, 1), point(8, 344, 1));
        Recommendation r = Recommender.recommend("fixed", io, null, null, 2);
        assertEquals(7, r.workers());
        assertTrue(r.explanation().contains("sweep further"), r.explanation());
    }

    @Test
    void explanation_quotesTheFittedNumbers() {
        List<SweepPoint> pts = cpuBound();
        ScalabilityFit usl = ScalabilityFitter.fit("fixed", ScalabilityModel.USL,
                pts.stream().map(p -> new ScalabilityFitter.Observation(p.workers(), p.throughputPerSecond())).toList());
        Recommendation r = Recommender.recommend("fixed", pts, null, usl, 2);
        assertTrue(r.explanation().contains("sigma=") && r.explanation().contains("kappa=")
                && r.explanation().contains("r2="), r.explanation());
        assertTrue(r.explanation().contains("2 cores"), r.explanation());
    }

    @Test
    void poorFit_isCalledPoor_notQuotedAsAPeak() {
        ScalabilityFit poor = new ScalabilityFit("fixed", ScalabilityModel.USL, 0.9, 0, 700, 0.05);
        Recommendation r = Recommender.recommend("fixed", cpuBound(), null, poor, 2);
        assertTrue(r.explanation().contains("fit is poor (r2=0.05"), r.explanation());
        assertFalse(r.explanation().contains("peaks"), r.explanation());
    }

    @Test
    void p99Target_picksTheLargestCountMeetingIt() {
        List<SweepPoint> pts = List.of(point(1, 100, 9000), point(2, 190, 4000), point(4, 300, 2500), point(8, 310, 6000));
        Recommendation r = Recommender.recommend("fixed", pts, Duration.ofMillis(5), null, 2);
        assertEquals(4, r.workers());
        assertEquals(Recommendation.Rule.MEETS_P99_TARGET, r.rule());
        assertTrue(r.explanation().contains("5ms"), r.explanation());
    }

    @Test
    void p99TargetNobodyMeets_fallsBackToTheLowestP99() {
        List<SweepPoint> pts = List.of(point(1, 100, 9000), point(2, 190, 4000), point(4, 300, 2500));
        Recommendation r = Recommender.recommend("fixed", pts, Duration.ofMillis(1), null, 2);
        assertEquals(4, r.workers());
        assertEquals(Recommendation.Rule.LOWEST_P99, r.rule());
    }

    @Test
    void noisyRepetitions_widenTheTolerance_upToFifteenPercent() {
        // repetitions disagree by ~30%: a 9% gap is within the noise
        List<SweepPoint> pts = List.of(point(1, 330, 1, 300, 330, 400), point(2, 600, 1, 520, 600, 700),
                point(3, 640, 1, 560, 640, 740), point(4, 660, 1, 600, 660, 790));
        double tol = Recommender.tolerance(pts);
        assertTrue(tol > 0.05 && tol <= 0.15, "tolerance " + tol);
        Recommendation r = Recommender.recommend("fixed", pts, null, null, 2);
        assertEquals(2, r.workers());
        assertTrue(r.explanation().contains("widened"), r.explanation());
    }

    @Test
    void quietRepetitions_keepFivePercent() {
        List<SweepPoint> pts = List.of(point(1, 100, 1, 99, 100, 101), point(2, 200, 1, 198, 200, 203));
        assertEquals(0.05, Recommender.tolerance(pts));
    }

    @Test
    void sharedMachine_isNoted_andAStarvedSweepSaysTheCurveIsTheCpuShare() {
        dev.poolscope.engine.RunSpec base = dev.poolscope.engine.RunSpec.of("fixed", 1,
                dev.poolscope.workload.WorkloadSpec.of("cpu"), 10);
        SweepSpec spec = SweepSpec.of(base, List.of("fixed"), List.of(1, 2));
        List<SweepPoint> starved = List.of(new SweepPoint("fixed", 1, 500, 1, 2, List.of(500.0), 0, 1.5, 0.5, 0.5),
                new SweepPoint("fixed", 2, 510, 1, 2, List.of(510.0), 0, 1.4, 0.6, 0.4));
        String note = SweepResult.analyse(spec, starved, false, 2).machineNote();
        assertTrue(note.contains("about 1.5 of the 2 cores") && note.contains("no run got more than 0.6 cores"), note);

        List<SweepPoint> quiet = List.of(new SweepPoint("fixed", 1, 500, 1, 2, List.of(500.0), 0, 0.05, 1.0, 1.0),
                new SweepPoint("fixed", 2, 990, 1, 2, List.of(990.0), 0, 0.1, 2.0, 1.0));
        SweepResult r = SweepResult.analyse(spec, quiet, false, 2);
        assertEquals("", r.machineNote());
        assertEquals(2, r.recommendedWorkers().get("fixed"));

        // I/O-bound work on a busy machine: noted, but not called starved (it did not want the CPU)
        List<SweepPoint> io = List.of(new SweepPoint("fixed", 1, 50, 1, 2, List.of(50.0), 0, 1.9, 0.01, 0.01),
                new SweepPoint("fixed", 2, 100, 1, 2, List.of(100.0), 0, 1.9, 0.02, 0.01));
        String ioNote = SweepResult.analyse(spec, io, false, 2).machineNote();
        assertTrue(ioNote.contains("shared machine") && !ioNote.contains("no run got"), ioNote);
    }
}
