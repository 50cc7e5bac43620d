package dev.poolscope.attach;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** {@link Watch}'s baselines, over a probe that replays given readings and a clock that the test advances. */
class WatchBaselineTest {
    private long now;

    private static PoolSample reading(Long completed) {
        return new PoolSample("p", PoolKinds.THREAD_POOL_EXECUTOR, 4, 1, null, completed, null, null, null, null,
                List.of(), null, null, null);
    }

    private Watch watch(Deque<PoolSample> readings) {
        Probe probe = new Probe() {
            @Override
            public String mode() {
                return "basic";
            }

            @Override
            public List<PoolSample> read() {
                return List.of(readings.poll());
            }

            @Override
            public List<String> limits() {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
        return new Watch(null, probe, () -> now);
    }

    @Test
    void completedUnseenAtFirst_countsFromTheFirstReadingThatSawIt() throws Exception {
        Deque<PoolSample> readings = new ArrayDeque<>(List.of(reading(null), reading(100L), reading(500L), reading(900L)));
        Watch w = watch(readings);
        for (int i = 0; i < 4; i++) {
            w.sample();
            now += 1_000_000_000L;
        }
        PoolFigures f = w.figures().get(0);
        assertEquals(800L, f.completed(), "900 - 100: since the first reading with a count");
        assertNotNull(f.throughputPerSecond());
        assertEquals(400.0, f.throughputPerSecond(), 1e-9, "800 tasks over the 2 s since that reading");
        assertEquals(800L, f.samples().get(f.samples().size() - 1).completed(), "the last point counts from the same base");
    }

    @Test
    void completedSeenFromTheStart_countsFromTheFirstReading() throws Exception {
        Deque<PoolSample> readings = new ArrayDeque<>(List.of(reading(50L), reading(150L), reading(250L)));
        Watch w = watch(readings);
        for (int i = 0; i < 3; i++) {
            w.sample();
            now += 500_000_000L;
        }
        PoolFigures f = w.figures().get(0);
        assertEquals(200L, f.completed());
        assertEquals(200.0, f.throughputPerSecond(), 1e-9);
    }
}
