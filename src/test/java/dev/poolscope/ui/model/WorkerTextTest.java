package dev.poolscope.ui.model;

import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.metrics.WorkerState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The worker table's words for a worker that has ended. */
class WorkerTextTest {

    @Test
    void anEndedProcessWorker_saysHowItEnded_andKeepsItsLastFigures() {
        WorkerSnapshot w = new WorkerSnapshot(0, "process-0", WorkerState.RETIRED, 0, 12, 1, 4242, 1_500_000_000L,
                50L * 1024 * 1024, 120, 0, "exit code 3");
        assertEquals("exited: exit code 3", WorkerText.state(w));
        assertEquals("1.50 s", WorkerText.cpu(w));
        assertEquals("50.0 MiB", WorkerText.memory(w));
    }

    @Test
    void aProcessThatExitedBeforeASample_saysItWasNotMeasured() {
        WorkerSnapshot w = new WorkerSnapshot(1, "process-1", WorkerState.RETIRED, 0, 0, 0, 4243, -1, -1, -1, 1,
                "pool shut down now (killed by signal 9)");
        assertEquals(WorkerText.UNMEASURED, WorkerText.cpu(w));
        assertEquals(WorkerText.UNMEASURED, WorkerText.memory(w));
        WorkerSnapshot starting = new WorkerSnapshot(1, "process-1", WorkerState.STARTING, 0, 0, 0, 4244, -1, -1, -1, 1, null);
        assertEquals("–", WorkerText.cpu(starting));
    }

    @Test
    void aThreadWorker_isRetired() {
        WorkerSnapshot w = new WorkerSnapshot(2, "fixed-2", WorkerState.RETIRED, 0, 40, 0, -1, -1, -1, -1);
        assertEquals("retired", WorkerText.state(w));
        assertEquals("–", WorkerText.cpu(w));
    }
}
