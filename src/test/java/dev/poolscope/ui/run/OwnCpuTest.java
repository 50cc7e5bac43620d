package dev.poolscope.ui.run;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The dashboard's own CPU share, on a fake CPU reading and clock. */
class OwnCpuTest {
    @Test
    void share_isCpuOverWallOverCores_perInterval() {
        AtomicLong cpu = new AtomicLong(1_000);
        AtomicLong clock = new AtomicLong(0);
        OwnCpu own = new OwnCpu(2, cpu::get, clock::get);
        own.reset();
        clock.addAndGet(1_000_000_000L);
        cpu.addAndGet(100_000_000L); // 0.1 s of CPU in 1 s on 2 cores
        assertEquals(0.05, own.sample(), 1e-9);
        clock.addAndGet(500_000_000L);
        cpu.addAndGet(1_000_000_000L); // more than the machine: clamped
        assertEquals(1.0, own.sample(), 1e-9);
    }

    @Test
    void unknownCpu_isMinusOne() {
        OwnCpu own = new OwnCpu(2, () -> -1, System::nanoTime);
        own.reset();
        assertEquals(-1, own.sample());
    }

    @Test
    void niceOfThisProcess_isReadFromProc() {
        assertNotEquals(Integer.MIN_VALUE, OwnPriority.niceOf(ProcessHandle.current().pid()));
    }
}
