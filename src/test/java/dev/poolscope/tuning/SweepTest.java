package dev.poolscope.tuning;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SweepTest {
    private static final RunEngine ENGINE = RunEngine.standard();

    private static SweepSpec tiny(List<String> pools, List<Integer> workers, int reps) {
        RunSpec base = RunSpec.of("fixed", 1, WorkloadSpec.parse("cpu:size=2000"), 40);
        return new SweepSpec(base, pools, workers, reps, null, false);
    }

    @Test
    void run_measuresEveryPointInRounds_oneRunAtATime() throws Exception {
        SweepSpec spec = tiny(List.of("fixed", "virtual"), List.of(1, 2), 2);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        SweepResult r = new Sweep(ENGINE, spec, 2).run(new SweepListener() {
            @Override
            public void runStarting(RunSpec s, int index, int total, int repetition) {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                order.add(repetition + ":" + s.pool() + "x" + s.workers());
            }

            @Override
            public void pointMeasured(SweepPoint point, SweepResult analysis, int done, int total) {
                concurrent.decrementAndGet();
                assertEquals(8, total);
            }
        });
        assertEquals(List.of("1:fixedx1", "1:fixedx2", "1:virtualx1", "1:virtualx2",
                "2:fixedx1", "2:fixedx2", "2:virtualx1", "2:virtualx2"), order);
        assertEquals(1, maxConcurrent.get());
        assertEquals(4, r.points().size());
        r.points().forEach(p -> {
            assertEquals(2, p.repetitions());
            assertTrue(p.throughputPerSecond() > 0 && p.p99Micros() >= p.p50Micros(), p.toString());
        });
        assertEquals(4, r.fits().size());
        assertEquals(List.of("fixed", "virtual"), List.copyOf(r.recommendedWorkers().keySet()));
        assertFalse(r.cancelled());
        assertFalse(r.explanation().isBlank());
    }

    @Test
    void cancel_stopsTheCurrentRun_andReturnsThePointsSoFar() throws Exception {
        RunSpec base = RunSpec.of("fixed", 1, WorkloadSpec.parse("io:millis=50"), 1_000_000);
        SweepSpec spec = new SweepSpec(base, List.of("fixed"), List.of(1, 2, 3), 1, null, false);
        Sweep sweep = new Sweep(ENGINE, spec, 2);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<SweepResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return sweep.run(new SweepListener() {
                    @Override
                    public void runStarting(RunSpec s, int index, int total, int repetition) {
                        started.countDown();
                    }
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(started.await(20, TimeUnit.SECONDS));
        sweep.cancel();
        SweepResult r = result.get(30, TimeUnit.SECONDS);
        assertTrue(r.cancelled());
        assertTrue(r.points().isEmpty());
        assertTrue(sweep.isCancelled());
    }

    @Test
    void invalidSpecs_nameTheOption() {
        assertEquals("--pool", assertThrows(InvalidSpecException.class,
                () -> new Sweep(ENGINE, tiny(List.of("nope"), List.of(1), 1))).field());
        assertEquals("--repeat", assertThrows(InvalidSpecException.class,
                () -> new Sweep(ENGINE, tiny(List.of("fixed"), List.of(1), 0))).field());
        assertEquals("--workers", assertThrows(InvalidSpecException.class,
                () -> new Sweep(ENGINE, tiny(List.of("fixed"), List.of(1, 5000), 1))).field());
        assertEquals("--p99-target", assertThrows(InvalidSpecException.class,
                () -> new Sweep(ENGINE, tiny(List.of("fixed"), List.of(1), 1).withP99Target(java.time.Duration.ZERO))).field());
    }

    @Test
    void aSweepRunsOnce() throws Exception {
        Sweep sweep = new Sweep(ENGINE, tiny(List.of("fixed"), List.of(1), 1), 2);
        sweep.run(SweepListener.NONE);
        assertThrows(IllegalStateException.class, () -> sweep.run(SweepListener.NONE));
    }
}
