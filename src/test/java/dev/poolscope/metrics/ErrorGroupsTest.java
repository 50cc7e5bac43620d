package dev.poolscope.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error groups say what their failures share and what differs; a worker process's figures come from the OS. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ErrorGroupsTest {

    /** A failure that names its worker and process, as a crashed worker process's does. */
    private static final class Crash extends RuntimeException implements FailureOrigin {
        private final int worker;
        private final long pid;

        Crash(int worker, long pid, long task, int code) {
            super("worker " + worker + " (pid " + pid + ") died while running task " + task + ": exit code " + code);
            this.worker = worker;
            this.pid = pid;
        }

        @Override
        public int workerId() {
            return worker;
        }

        @Override
        public long pid() {
            return pid;
        }
    }

    @Test
    void aGroup_keepsWhatItsFailuresShare_andCountsWorkersAndPids() {
        ErrorTable t = new ErrorTable();
        for (int i = 0; i < 60; i++) {
            t.record(Outcome.FAILED, new Crash(i % 30, 20_000 + i, 100 + i, 3), -1, -1, 100 + i);
        }
        ErrorTable.Entry e = t.entries().get(0);
        assertEquals(60, e.count());
        assertEquals(Crash.class.getName(), e.type());
        assertEquals("Crash", e.kind());
        assertEquals("worker ... (pid ...) died while running task ...: exit code 3", e.shared());
        assertEquals(30, e.workers());
        assertEquals(60, e.pidCount());
        assertEquals(ErrorTable.MAX_EXAMPLES, e.examples().size());
        assertEquals(new ErrorTable.Example("worker 0 (pid 20000) died while running task 100: exit code 3", 0, 20_000, 100),
                e.examples().get(0));
        assertEquals("Crash: worker ... (pid ...) died while running task ...: exit code 3; 30 workers; "
                + "60 PIDs (20000, 20001, 20002 ...); e.g. worker 0 (pid 20000), task 100", e.describe());
    }

    @Test
    void aNumberThatDiffers_inAnyFailure_isNotShared() {
        ErrorTable t = new ErrorTable();
        t.record(Outcome.FAILED, new Crash(0, 7, 1, 3), -1, -1, 1);
        t.record(Outcome.FAILED, new Crash(0, 7, 2, 1), -1, -1, 2);
        ErrorTable.Entry e = t.entries().get(0);
        assertEquals("worker 0 (pid 7) died while running task ...: exit code ...", e.shared());
        assertEquals(1, e.workers());
    }

    @Test
    void aLiveProcess_isMeasured_andAnExitedOneIsNot() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessFigures.Reading r = ProcessFigures.read(p.pid()).orElseThrow();
            assertTrue(r.cpuNanos() >= 0, r.toString());
            assertTrue(r.rssBytes() > 0, r.toString());
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(ProcessFigures.read(p.pid()).isEmpty(), "an exited process has no figures");
    }
}
