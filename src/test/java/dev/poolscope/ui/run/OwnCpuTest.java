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
    void anotherReader_keepsItsOwnInterval_soTheWholeRunIsNotTheLastSecond() {
        AtomicLong cpu = new AtomicLong(0);
        AtomicLong clock = new AtomicLong(0);
        OwnCpu perSecond = new OwnCpu(2, cpu::get, clock::get);
        OwnCpu wholeRun = perSecond.another();
        perSecond.reset();
        wholeRun.reset();
        clock.addAndGet(9_000_000_000L);
        cpu.addAndGet(180_000_000L); // 1% of 2 cores for 9 s
        assertEquals(0.01, perSecond.sample(), 1e-9);
        clock.addAndGet(1_000_000_000L);
        cpu.addAndGet(1_000_000_000L); // then 50% for the last second
        assertEquals(0.5, perSecond.sample(), 1e-9);
        assertEquals(0.059, wholeRun.sample(), 1e-9, "1.18 s of CPU over 10 s on 2 cores");
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
