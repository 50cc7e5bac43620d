package dev.poolscope.ui.model;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class RunFormModelTest {
    private final RunEngine engine = RunEngine.standard();
    private final RunFormModel form = new RunFormModel(engine.pools(), engine.workloads());

    @Test
    void default_isCpuOnFixedWithOneWorkerPerCore() {
        assertTrue(form.isValid(), form.problemProperty().get());
        RunSpec s = form.getSpec();
        assertEquals("fixed", s.pool());
        assertEquals(Runtime.getRuntime().availableProcessors(), s.workers());
        assertEquals("cpu", s.workload().name());
        assertEquals("50000", form.params().get("size"));
    }

    @Test
    void badTaskCount_isRejectedWithReason_andFixingItRestoresTheSpec() {
        form.tasksProperty().set("lots");
        assertFalse(form.isValid());
        assertNull(form.getSpec());
        assertTrue(form.errorFor(FormField.TASKS).contains("whole number"), form.errorFor(FormField.TASKS));
        assertTrue(form.problemProperty().get().startsWith("Tasks:"));
        form.tasksProperty().set("120");
        assertTrue(form.isValid());
        assertEquals(120, form.getSpec().tasks());
        assertTrue(form.errorsProperty().get().isEmpty());
    }

    @Test
    void engineValidation_namesTheField() {
        form.workersProperty().set(5000);
        assertFalse(form.isValid());
        assertTrue(form.errorFor(FormField.WORKERS).contains("between 1 and 1024"), form.errorFor(FormField.WORKERS));
        form.poolProperty().set("virtual");
        assertTrue(form.isValid(), form.problemProperty().get());
        assertEquals(10_000, form.maxWorkersProperty().get());
    }

    @Test
    void parameterOutOfRange_isAWorkloadError() {
        form.params().put("size", "1");
        assertFalse(form.isValid());
        assertTrue(form.errorFor(FormField.WORKLOAD).startsWith("parameter 'size'"), form.errorFor(FormField.WORKLOAD));
    }

    @Test
    void changingWorkload_resetsParametersToItsDefaults() {
        form.params().put("size", "1000");
        form.workloadProperty().set("io");
        assertFalse(form.params().containsKey("size"));
        form.workloadProperty().set("cpu");
        assertEquals("50000", form.params().get("size"));
    }

    @Test
    void rate_isCheckedOnlyForTimedArrivals() {
        form.rateProperty().set("fast");
        assertTrue(form.isValid());
        form.arrivalProperty().set(ArrivalKind.POISSON);
        assertNotNull(form.errorFor(FormField.RATE));
        form.rateProperty().set("250");
        assertEquals(new Arrival.Poisson(250), form.getSpec().arrival());
    }

    @Test
    void queueAndTimeout_parseAsUsersWriteThem() {
        form.queueCapacityProperty().set("-3");
        assertNotNull(form.errorFor(FormField.QUEUE_CAPACITY));
        form.queueCapacityProperty().set("16");
        form.rejectionProperty().set(RejectionPolicy.ABORT);
        form.taskTimeoutProperty().set("250ms");
        RunSpec s = form.getSpec();
        assertEquals(16, s.queueCapacity());
        assertEquals(RejectionPolicy.ABORT, s.rejection());
        assertEquals(Duration.ofMillis(250), s.taskTimeout());
        form.taskTimeoutProperty().set("soon");
        assertTrue(form.errorFor(FormField.TASK_TIMEOUT).contains("duration"));
    }

    @Test
    void load_fillsEveryFieldFromASpec() {
        RunSpec spec = RunSpec.of("forkjoin", 3, WorkloadSpec.parse("cpu:size=2000"), 77)
                .withQueue(8, RejectionPolicy.CALLER_RUNS).withArrival(new Arrival.FixedRate(40)).withSeed(9)
                .withTaskTimeout(Duration.ofSeconds(2));
        form.load(spec);
        assertTrue(form.isValid(), form.problemProperty().get());
        RunSpec back = form.getSpec();
        assertEquals(spec.describe(), back.describe());
        assertEquals(9, back.seed());
        assertEquals(Duration.ofSeconds(2), back.taskTimeout());
        assertEquals("2000", form.params().get("size"));
    }
}
