package dev.poolscope.tuning;

import dev.poolscope.engine.RunState;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.poolscope.tuning.LessonFigure.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claim logic on fixed figures: no run, no timing. */
class LessonClaimsTest {
    private static final int CORES = 2;

    /** Figures of one run: the given ones, a 2-second completed run on a quiet machine. */
    private static RunFigures run(String id, Object... figureValuePairs) {
        return busyRun(id, 0.0, figureValuePairs);
    }

    private static RunFigures busyRun(String id, double otherCores, Object... pairs) {
        Map<LessonFigure, Double> v = new EnumMap<>(LessonFigure.class);
        v.put(WALL_SECONDS, 2.0);
        for (int i = 0; i < pairs.length; i += 2) {
            v.put((LessonFigure) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return new RunFigures(id, "run " + id, v, otherCores, 20, RunState.COMPLETED);
    }

    private static LessonClaim claim(String figure, String is, String than, Double value, Double times, String tol) {
        return new LessonClaim("claim", figure, is, than, value, times, tol);
    }

    private static boolean holds(LessonClaim c, RunFigures... runs) {
        return ClaimCheck.check(c, ClaimCheck.byId(List.of(runs)), CORES).held();
    }

    @Test
    void atMost_withTolerance_allowsUpToTheBound_andNoFurther() {
        LessonClaim c = claim("B.throughput", "atMost", "A.throughput", null, null, "10%");
        assertTrue(holds(c, run("A", THROUGHPUT, 1000), run("B", THROUGHPUT, 1100)));
        assertFalse(holds(c, run("A", THROUGHPUT, 1000), run("B", THROUGHPUT, 1101)));
    }

    @Test
    void comparisons_eachFailOnTheOtherSide() {
        RunFigures a = run("A", P99, 100);
        assertTrue(holds(claim("B.p99", "lessThan", "A.p99", null, null, null), a, run("B", P99, 99)));
        assertFalse(holds(claim("B.p99", "lessThan", "A.p99", null, null, null), a, run("B", P99, 100)));
        assertFalse(holds(claim("B.p99", "lessThan", "A.p99", null, null, "5%"), a, run("B", P99, 96)));
        assertTrue(holds(claim("B.p99", "greaterThan", "A.p99", null, 2.0, null), a, run("B", P99, 201)));
        assertFalse(holds(claim("B.p99", "greaterThan", "A.p99", null, 2.0, null), a, run("B", P99, 199)));
        assertTrue(holds(claim("B.p99", "atLeast", "A.p99", null, null, "0.2"), a, run("B", P99, 80)));
        assertFalse(holds(claim("B.p99", "atLeast", "A.p99", null, null, "0.2"), a, run("B", P99, 79)));
        assertTrue(holds(claim("A.p99", "about", null, 110.0, null, "10%"), a));
        assertFalse(holds(claim("A.p99", "about", null, 120.0, null, "10%"), a));
    }

    @Test
    void rejectsNothing_isAValueClaim_thatOneRejectionBreaks() {
        LessonClaim c = claim("B.rejected", "atMost", null, 0.0, null, null);
        assertTrue(holds(c, run("B", REJECTED, 0)));
        ClaimResult r = ClaimCheck.check(c, ClaimCheck.byId(List.of(run("B", REJECTED, 1))), CORES);
        assertFalse(r.held());
        assertEquals(Map.of("B.rejected", 1.0, "bound", 0.0), r.figures());
    }

    @Test
    void aClaimOnARunThatDidNotRun_doesNotHold_andSaysSo() {
        ClaimResult r = ClaimCheck.check(claim("B.throughput", "atMost", "A.throughput", null, null, null),
                ClaimCheck.byId(List.of(run("A", THROUGHPUT, 10))), CORES);
        assertFalse(r.held());
        assertTrue(r.reason().contains("run B did not run"), r.reason());
    }

    @Test
    void likelyReason_namesOtherProcesses_shortRuns_orNothingSeen() {
        LessonClaim c = claim("B.throughput", "atMost", "A.throughput", null, null, null);
        String busy = ClaimCheck.check(c, ClaimCheck.byId(List.of(run("A", THROUGHPUT, 100),
                busyRun("B", 1.4, THROUGHPUT, 200))), CORES).reason();
        assertTrue(busy.contains("other processes kept 1.4 of 2 cores busy during run B"), busy);
        RunFigures shortRun = new RunFigures("B", "b", Map.of(THROUGHPUT, 200.0, WALL_SECONDS, 0.2), 0, 2, RunState.COMPLETED);
        String tooShort = ClaimCheck.check(c, ClaimCheck.byId(List.of(run("A", THROUGHPUT, 100), shortRun)), CORES).reason();
        assertTrue(tooShort.contains("too few tasks to reach steady state"), tooShort);
        String quiet = ClaimCheck.check(c, ClaimCheck.byId(List.of(run("A", THROUGHPUT, 100),
                run("B", THROUGHPUT, 200))), CORES).reason();
        assertTrue(quiet.contains("saw no interference"), quiet);
    }

    @Test
    void placeholders_quoteFigures_inTheirUnits() {
        Map<String, RunFigures> runs = ClaimCheck.byId(List.of(run("A", THROUGHPUT, 1195.4, P99, 75.24, REJECTED_SHARE, 0.483),
                run("B", THROUGHPUT, 1170.2)));
        assertEquals("2 workers: 1,195 tasks/s; 8 workers: 1,170 tasks/s; p99 75.2 ms, 48% rejected, ratio 1.0 on 2 cores; run A",
                LessonText.fill("2 workers: {A.throughput}; 8 workers: {B.throughput}; p99 {A.p99}, {A.rejectedShare} rejected, "
                        + "ratio {A.throughput/B.throughput} on {cores} cores; {A.label}", runs, CORES));
    }

    @Test
    void workerCounts_relativeToCores_resolvePerMachine() {
        assertEquals(2, new WorkerCount("cores").resolve(2));
        assertEquals(16, new WorkerCount("2*cores").resolve(8));
        assertEquals(10, new WorkerCount("cores + 2").resolve(8));
        assertEquals(1, new WorkerCount("cores/4").resolve(2));
        assertEquals(7, WorkerCount.of(7).resolve(64));
        assertThrows(IllegalArgumentException.class, () -> new WorkerCount("lots"));
    }

    @Test
    void malformedLessons_areReportedByField_neverThrownRaw() {
        String base = "{\"id\": \"x\", \"title\": \"t\", \"explanation\": \"e\", \"lookFor\": [\"l\"], \"question\": \"q\", "
                + "\"presets\": [{\"label\": \"a\", \"pool\": \"fixed\", \"workers\": %s, \"workload\": \"noop\", \"tasks\": 10}], "
                + "\"claims\": [%s], \"answer\": \"%s\"}";
        IllegalArgumentException badWorkers = assertThrows(IllegalArgumentException.class,
                () -> LessonLibrary.parse(base.formatted("\"many\"", "", "")));
        assertTrue(badWorkers.getMessage().contains("presets[0].workers") && badWorkers.getMessage().contains("'many'"),
                badWorkers.getMessage());
        IllegalArgumentException badClaim = assertThrows(IllegalArgumentException.class, () -> LessonLibrary.parse(base.formatted(
                "2", "{\"text\": \"t\", \"figure\": \"C.thruput\", \"is\": \"below\", \"value\": 1, \"tolerance\": \"lots\"}",
                "{A.nothing}")));
        String m = badClaim.getMessage();
        for (String part : List.of("claims[0].figure: unknown run 'C'", "unknown figure 'thruput'", "claims[0].is: 'below'",
                "claims[0].tolerance", "answer: placeholder {A.nothing}")) {
            assertTrue(m.contains(part), part + " in " + m);
        }
        IllegalArgumentException unknownField = assertThrows(IllegalArgumentException.class, () -> LessonLibrary.parse(
                base.formatted("2", "{\"text\": \"t\", \"figure\": \"A.p99\", \"is\": \"atMost\", \"value\": 1, \"tolerence\": 1}", "")));
        assertTrue(unknownField.getMessage().contains("tolerence"), unknownField.getMessage());
    }

    @Test
    void aLessonMayHaveManyRuns_namedByLetterOrId() {
        Lesson l = LessonLibrary.parse("{\"id\": \"x\", \"title\": \"t\", \"explanation\": \"e\", \"lookFor\": [\"l\"], \"question\": \"q\", "
                + "\"presets\": [{\"label\": \"a\", \"pool\": \"fixed\", \"workers\": 1, \"workload\": \"noop\", \"tasks\": 10},"
                + "{\"label\": \"b\", \"pool\": \"fixed\", \"workers\": \"cores\", \"workload\": \"noop\", \"tasks\": 10},"
                + "{\"label\": \"c\", \"pool\": \"fixed\", \"workers\": \"2*cores\", \"workload\": \"noop\", \"tasks\": 10, \"id\": \"wide\"}],"
                + "\"claims\": [{\"text\": \"t\", \"figure\": \"wide.throughput\", \"is\": \"atLeast\", \"than\": \"A.throughput\"}]}");
        assertEquals(List.of("A", "B", "wide"), l.runIds());
        assertEquals(4, l.presets().get(2).toRunSpec(2).workers());
        assertEquals(l, LessonLibrary.parse(LessonLibrary.toJson(l)));
    }

    /**
     * Every built-in lesson: on figures that show its point all its claims hold,
     * and on figures where its point does not hold every one of its claims fails.
     */
    @TestFactory
    List<DynamicTest> everyBuiltInClaim_holdsOnThePoint_andFailsWithoutIt() {
        Map<String, List<List<RunFigures>>> cases = Map.of(
                "cpu-vs-cores", List.of(
                        List.of(run("A", THROUGHPUT, 1500, MEAN_SERVICE, 1.2), run("B", THROUGHPUT, 1480, MEAN_SERVICE, 4.8)),
                        List.of(run("A", THROUGHPUT, 1500, MEAN_SERVICE, 1.2), run("B", THROUGHPUT, 3000, MEAN_SERVICE, 1.3))),
                "io-and-virtual-threads", List.of(
                        List.of(run("A", THROUGHPUT, 395), run("B", THROUGHPUT, 3500)),
                        List.of(run("A", THROUGHPUT, 150), run("B", THROUGHPUT, 200))),
                "threads-vs-processes", List.of(
                        List.of(run("A", THROUGHPUT, 1500), run("B", THROUGHPUT, 1300)),
                        List.of(run("A", THROUGHPUT, 800), run("B", THROUGHPUT, 1600))),
                "queue-block-abort", List.of(
                        List.of(run("A", REJECTED, 0, WALL_SECONDS, 2.5), run("B", REJECTED_SHARE, 0.5, WALL_SECONDS, 1.3)),
                        List.of(run("A", REJECTED, 30, WALL_SECONDS, 1.3), run("B", REJECTED_SHARE, 0.05, WALL_SECONDS, 1.3))),
                "queue-caller-runs-discard", List.of(
                        List.of(run("A", SUCCEEDED, 500, SUBMITTED, 500), run("B", REJECTED_SHARE, 0.45)),
                        List.of(run("A", SUCCEEDED, 480, SUBMITTED, 500), run("B", REJECTED_SHARE, 0))),
                "tail-latency-skew", List.of(
                        List.of(run("A", P99, 75), run("B", P99, 105)),
                        List.of(run("A", P99, 75), run("B", P99, 40))),
                "crash-isolation", List.of(
                        List.of(run("A", RESTARTS, 10, SUCCEEDED_SHARE, 0.95), run("B")),
                        List.of(run("A", RESTARTS, 0, SUCCEEDED_SHARE, 0.3), run("B"))),
                "littles-law", List.of(
                        List.of(run("A", MEAN_IN_SYSTEM, 5.1, LITTLES_LAW, 5, MEAN_ACTIVE, 5),
                                run("B", MEAN_IN_SYSTEM, 12.3, LITTLES_LAW, 12.5, MEAN_ACTIVE, 12)),
                        List.of(run("A", MEAN_IN_SYSTEM, 2, LITTLES_LAW, 5, MEAN_ACTIVE, 5),
                                run("B", MEAN_IN_SYSTEM, 30, LITTLES_LAW, 12.5, MEAN_ACTIVE, 6))),
                "tutorial-bugs", List.of(
                        List.of(run("A", WALL_SECONDS, 2.3), run("B", WALL_SECONDS, 1.0)),
                        List.of(run("A", WALL_SECONDS, 2.3), run("B", WALL_SECONDS, 2.2))),
                "mixed-work-sizing", List.of(
                        List.of(run("A", THROUGHPUT, 98), run("B", THROUGHPUT, 190)),
                        List.of(run("A", THROUGHPUT, 98), run("B", THROUGHPUT, 105))));
        Map<String, List<List<RunFigures>>> all = new java.util.HashMap<>(cases);
        all.put("starvation-deadlock", List.of(
                List.of(run("A", STALLS, 1, FAILED, 8), run("B", STALLS, 0, FAILED, 0), run("C", STALLS, 0), run("D", STALLS, 0)),
                List.of(run("A", STALLS, 0, FAILED, 0), run("B", STALLS, 1, FAILED, 4), run("C", STALLS, 1), run("D", STALLS, 2))));
        List<DynamicTest> tests = new ArrayList<>();
        for (Lesson l : LessonLibrary.load(null).lessons()) {
            tests.add(DynamicTest.dynamicTest(l.id(), () -> {
                assertFalse(l.claims().isEmpty(), l.id() + " has no claim");
                List<List<RunFigures>> c = all.get(l.id());
                assertTrue(c != null, "no fixed figures for lesson " + l.id());
                for (ClaimResult r : ClaimCheck.checkAll(l, c.get(0), CORES)) {
                    assertTrue(r.held(), l.id() + ": should hold: " + r.text() + " " + r.figures());
                }
                for (ClaimResult r : ClaimCheck.checkAll(l, c.get(1), CORES)) {
                    assertFalse(r.held(), l.id() + ": should fail without the point: " + r.text() + " " + r.figures());
                    assertFalse(r.reason().isBlank());
                }
                assertFalse(LessonOutcome.of(l, List.of(), CORES).held(), "no runs, nothing held");
            }));
        }
        return tests;
    }
}
