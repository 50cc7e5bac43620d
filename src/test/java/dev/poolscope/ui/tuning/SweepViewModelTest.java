package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.tuning.SweepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Sweep view's model without the toolkit: updates applied by a direct executor. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SweepViewModelTest {

    private static SweepViewModel tiny() {
        SweepViewModel m = new SweepViewModel(RunEngine.standard(), Runnable::run);
        m.workersProperty().set("1,2");
        m.workloadProperty().set("cpu:size=1000");
        m.tasksProperty().set("20");
        m.repeatProperty().set("1");
        return m;
    }

    @Test
    void start_runsTheSweep_andEndsDoneWithARecommendedRun() throws Exception {
        SweepViewModel m = tiny();
        CompletableFuture<SweepResult> done = m.start();
        assertNotNull(done);
        SweepResult r = done.get(30, TimeUnit.SECONDS);
        assertEquals(SweepViewModel.Phase.DONE, m.phaseProperty().get());
        assertEquals(1.0, m.progressProperty().get());
        assertFalse(m.runningProperty().get());
        assertEquals(r, m.resultProperty().get());
        RunSpec run = m.recommendedRun("fixed");
        assertEquals("fixed", run.pool());
        assertTrue(run.workers() == 1 || run.workers() == 2);
        assertEquals("cpu:size=1000", run.workload().toString());
        assertEquals(20, run.tasks());
    }

    @Test
    void invalidForm_setsAOneLineError_andStartsNothing() {
        SweepViewModel m = tiny();
        m.workersProperty().set("8..1");
        assertNull(m.start());
        assertTrue(m.errorProperty().get().startsWith("--workers"), m.errorProperty().get());
        assertEquals(SweepViewModel.Phase.IDLE, m.phaseProperty().get());

        m.workersProperty().set("1,2");
        m.poolSelected().values().forEach(p -> p.set(false));
        assertNull(m.start());
        assertTrue(m.errorProperty().get().startsWith("--pool"), m.errorProperty().get());
    }

    @Test
    void cancel_endsCancelled() throws Exception {
        SweepViewModel m = tiny();
        m.workloadProperty().set("io:millis=20");
        m.tasksProperty().set("100000");
        m.workersProperty().set("1..4");
        CompletableFuture<SweepResult> done = m.start();
        m.cancel();
        SweepResult r = done.get(30, TimeUnit.SECONDS);
        assertTrue(r.cancelled());
        assertEquals(SweepViewModel.Phase.CANCELLED, m.phaseProperty().get());
        assertFalse(m.runningProperty().get());
    }
}
