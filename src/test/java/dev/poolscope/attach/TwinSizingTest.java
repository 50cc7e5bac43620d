package dev.poolscope.attach;

import dev.poolscope.tuning.SweepPoint;
import dev.poolscope.tuning.SweepResult;
import dev.poolscope.tuning.SweepSpec;
import dev.poolscope.workload.TwinFile;
import dev.poolscope.workload.WorkloadCatalog;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwinSizingTest {
    private static TwinFile twin(int threads) {
        return new TwinFile("java.util.concurrent.ThreadPoolExecutor@1", 42, threads, 400,
                new TwinFile.Distribution(new long[]{100_000, 200_000}, new long[]{30, 10}),
                new TwinFile.Distribution(new long[]{5_000_000}, new long[]{40}), 5_100.0, 18_000.0, 900.0);
    }

    private static SweepPoint point(int n, double rate, double p99Micros) {
        return new SweepPoint("fixed", n, rate, p99Micros / 3, p99Micros, List.of(rate), 0, 0, 0.2, 0.05);
    }

    @Test
    void counts_areAQuarterHalfSameAndTwiceTheWatchedSize() {
        assertEquals(List.of(2, 4, 8, 16), TwinSizing.counts(8));
        assertEquals(List.of(1, 2), TwinSizing.counts(1));
    }

    @Test
    void answer_namesTheFewestThreadsWithTheSameThroughput_andWhatMoreDoToP99(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        twin(8).write(file);
        SweepSpec spec = TwinSizing.sweep(file, TwinFile.read(file));
        SweepResult r = SweepResult.analyse(spec, List.of(point(2, 300, 900_000), point(4, 396, 180_000),
                point(8, 399, 120_000), point(16, 400, 40_000)), false, 2);
        String a = TwinSizing.answer(TwinFile.read(file), r);
        assertTrue(a.startsWith("Your pool of 8 with these tasks"), a);
        assertTrue(a.contains("4 threads reach the same throughput"), a);
        assertTrue(a.contains("16 cut p99 from 120.0 ms to 40.0 ms"), a);
        assertTrue(a.contains("USL"), a);
    }

    @Test
    void twinFile_roundTrips_andTheWorkloadIsInTheCatalog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        twin(4).write(file);
        TwinFile back = TwinFile.read(file);
        assertEquals(400, back.arrivalPerSecond(), 1e-9);
        assertEquals(40, back.tasksMeasured());
        assertEquals(200_000, back.cpu().at(0.99));
        assertEquals(100_000, back.cpu().at(0.1));
        assertTrue(WorkloadCatalog.standard().names().contains("twin"));
        WorkloadCatalog.standard().bind(WorkloadSpec.parse("twin:file=" + file), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwinFile.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }
}
