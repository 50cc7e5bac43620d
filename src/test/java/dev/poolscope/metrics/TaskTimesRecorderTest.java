package dev.poolscope.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock-free per-worker recorder against HdrHistogram itself. */
@Timeout(60)
class TaskTimesRecorderTest {
    private static Histogram hdr() {
        Histogram h = new Histogram(2);
        h.setAutoResize(true);
        return h;
    }

    @Test
    void harvestedHistograms_equalRecordingIntoHdrHistogram_atEveryScale() {
        TaskTimesRecorder r = new TaskTimesRecorder();
        Histogram direct = hdr();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long v = rnd.nextLong(1L << rnd.nextInt(1, 63)); // every power of two up to 2^62
            r.record(v, v, v);
            direct.recordValue(v);
        }
        r.record(0, 0, 0);
        direct.recordValue(0);
        r.record(Long.MAX_VALUE, -5, 255);
        Histogram wait = hdr();
        Histogram service = hdr();
        Histogram latency = hdr();
        r.harvest(wait, service, latency);
        assertEquals(direct.getTotalCount() + 1, wait.getTotalCount());
        assertEquals(direct.getTotalCount() + 1, service.getTotalCount());
        long at255 = direct.getCountAtValue(255);
        direct.recordValue(0); // the -5 counts as 0
        for (double q : new double[] {0, 1, 10, 50, 90, 99, 99.9, 99.99}) {
            assertEquals(direct.getValueAtPercentile(q), service.getValueAtPercentile(q), "p" + q);
        }
        assertEquals(direct.getMaxValue(), service.getMaxValue());
        assertTrue(wait.getMaxValue() >= Long.MAX_VALUE / 2, "the largest value keeps its scale");
        assertEquals(at255 + 1, latency.getCountAtValue(255));
    }

    @Test
    void eachValueIsHarvestedExactlyOnce_acrossIntervals() {
        TaskTimesRecorder r = new TaskTimesRecorder();
        Histogram total = hdr();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 1000; i++) {
                r.record(i, 1000L * i, 5);
            }
            Histogram w = hdr();
            Histogram s = hdr();
            Histogram l = hdr();
            r.harvest(w, s, l);
            assertEquals(1000, w.getTotalCount(), "round " + round);
            assertEquals(1000, l.getCountAtValue(5));
            total.add(s);
        }
        Histogram empty = hdr();
        r.harvest(empty, hdr(), hdr());
        assertEquals(0, empty.getTotalCount());
        assertEquals(5000, total.getTotalCount());
    }

    @Test
    void harvestsWhileTheWriterRecords_loseNothingAndCountNothingTwice() throws Exception {
        TaskTimesRecorder r = new TaskTimesRecorder();
        int n = 2_000_000;
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            SplittableRandom rnd = new SplittableRandom(3);
            for (int i = 0; i < n; i++) {
                long v = rnd.nextLong(1, 50_000_000L);
                r.record(v, v, v);
            }
            done.set(true);
        });
        writer.start();
        long wait = 0;
        long service = 0;
        while (!done.get()) {
            Histogram w = hdr();
            Histogram s = hdr();
            r.harvest(w, s, hdr());
            wait += w.getTotalCount();
            service += s.getTotalCount();
        }
        writer.join();
        Histogram w = hdr();
        Histogram s = hdr();
        r.harvest(w, s, hdr());
        assertEquals(n, wait + w.getTotalCount());
        assertEquals(n, service + s.getTotalCount());
    }
}
