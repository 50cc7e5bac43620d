package dev.poolscope.workload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadCatalogTest {
    private final WorkloadCatalog catalog = WorkloadCatalog.standard();

    @Test
    void catalog_hasTheBuiltInWorkloads() {
        assertTrue(catalog.names().containsAll(List.of("cpu", "io", "mixed", "skewed", "memory", "failing", "square", "add", "noop")),
                catalog.names().toString());
    }

    @Test
    void workloads_areDeterministicForASeed() throws Exception {
        TaskSource a = catalog.bind(WorkloadSpec.parse("failing:p=0.5,millis=0"), 7);
        TaskSource b = catalog.bind(WorkloadSpec.parse("failing:p=0.5,millis=0"), 7);
        int failures = 0;
        for (int i = 0; i < 200; i++) {
            boolean fa = fails(a, i);
            assertEquals(fa, fails(b, i));
            failures += fa ? 1 : 0;
        }
        assertTrue(failures > 60 && failures < 140, "about half fail: " + failures);
        for (int i = 0; i < 50; i++) {
            assertEquals(SkewedWorkload.durationMillis(3, i, 1, 1.5, 1000), SkewedWorkload.durationMillis(3, i, 1, 1.5, 1000));
        }
    }

    private static boolean fails(TaskSource s, long i) {
        try {
            s.task(i).call();
            return false;
        } catch (WorkloadFailure e) {
            return true;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tutorialWorkloads_computeTheTutorialsResults() throws Exception {
        assertEquals(25L, catalog.bind(WorkloadSpec.parse("square:millis=0"), 1).task(5).call());
        assertEquals(9L, catalog.bind(WorkloadSpec.parse("add:millis=0"), 1).task(4).call());
        assertEquals(25, catalog.bind(WorkloadSpec.parse("cpu:size=100"), 1).task(0).call());
    }

    @Test
    void skewed_hasAHeavyTail() {
        double max = 0;
        double sum = 0;
        for (int i = 0; i < 2000; i++) {
            double d = SkewedWorkload.durationMillis(42, i, 1, 1.5, 1000);
            max = Math.max(max, d);
            sum += d;
        }
        assertTrue(max > 20 * (sum / 2000), "the longest task is far above the mean");
    }

    @Test
    void badParameters_areNamedWithTheirRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog.resolve(WorkloadSpec.parse("cpu:size=abc")));
        assertTrue(e.getMessage().contains("'size'") && e.getMessage().contains("between 2 and"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> catalog.resolve(WorkloadSpec.parse("io:speed=1")));
        assertTrue(e.getMessage().contains("allowed: millis, jitter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.parse("cpu:size"));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> catalog.resolve(WorkloadSpec.parse("cpu:size=2.5")));
    }

    @Test
    void spec_roundTripsThroughText() {
        WorkloadSpec s = WorkloadSpec.parse("mixed:millis=10,cpu-ratio=0.25");
        assertEquals("mixed:cpu-ratio=0.25,millis=10", s.toString());
        assertEquals(s, WorkloadSpec.parse(s.toString()));
    }
}
