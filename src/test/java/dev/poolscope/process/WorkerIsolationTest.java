package dev.poolscope.process;

import dev.poolscope.pool.TaskCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.poolscope.process.ProcessTestSupport.closeAndCheck;
import static dev.poolscope.process.ProcessTestSupport.config;
import static dev.poolscope.process.ProcessTestSupport.pool;
import static dev.poolscope.process.ProcessTestSupport.quick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a task can do to its worker, and what a worker can do to the pool: each costs at most that task. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerIsolationTest {

    @Test
    void cancelTrue_onATaskThatIgnoresInterrupts_replacesItsWorkerAfterTheGrace() throws Exception {
        ProcessWorkerPool p = new ProcessWorkerPool(config(1), quick().withCancelGrace(Duration.ofMillis(300)));
        try {
            long pid = p.workerPids().get(0);
            String started = java.nio.file.Files.createTempDirectory("poolscope-started").resolve("mark").toString();
            Future<Object> stubborn = p.submit((TaskCallable<Object>) () -> {
                java.nio.file.Files.createFile(java.nio.file.Path.of(started));
                while (true) {
                    Thread.interrupted(); // ignores every interrupt
                    Thread.onSpinWait();
                }
            });
            // started in the worker itself, not only sent to it (a task cancelled before it starts is skipped)
            ProcessTestSupport.await("task running in its worker", Duration.ofSeconds(20),
                    () -> java.nio.file.Files.exists(java.nio.file.Path.of(started)));
            assertTrue(stubborn.cancel(true));
            assertThrows(CancellationException.class, stubborn::get);
            long next = p.submit((TaskCallable<Long>) () -> ProcessHandle.current().pid()).get(20, TimeUnit.SECONDS);
            assertNotEquals(pid, next, "the worker was replaced");
            assertEquals(1, p.workerDetails().get(0).restarts());
            assertEquals(1, ProcessTestSupport.awaitEnded(p, 2).cancelled());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void taskReadingStandardInput_seesNoInput_andTheProtocolGoesOn() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            for (int i = 0; i < 3; i++) {
                int at = i;
                p.submit((TaskCallable<Integer>) () -> at); // queued behind, in the same pipe
            }
            assertEquals(-1, p.submit((TaskCallable<Integer>) () -> System.in.read()).get(20, TimeUnit.SECONDS));
            assertEquals(7, p.submit((TaskCallable<Integer>) () -> 7).get(20, TimeUnit.SECONDS));
            assertEquals(0, p.workerDetails().get(0).restarts());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void workerThatDies_whileItsTasksChildHoldsItsOutput_isReplaced_andTheChildKilled() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            Future<Object> f = p.submit((TaskCallable<Object>) () -> {
                new ProcessBuilder("sleep", "60").redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
                Runtime.getRuntime().halt(3);
                return null;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
            assertInstanceOf(WorkerCrashedException.class, e.getCause());
            assertEquals(5, p.submit((TaskCallable<Integer>) () -> 5).get(20, TimeUnit.SECONDS));
        } finally {
            closeAndCheck(p); // checks no descendant is left
        }
        ProcessTestSupport.await("no sleep child left", Duration.ofSeconds(10), () -> ProcessHandle.allProcesses()
                .noneMatch(h -> h.info().commandLine().orElse("").equals("sleep 60")
                        && h.parent().map(x -> x.pid() == 1).orElse(true)));
    }

    /**
     * A value that takes longer to serialize than the heartbeat timeout. A class,
     * not a record: serialization ignores a record's {@code writeObject}.
     */
    static final class SlowToWrite implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int value;

        SlowToWrite(int value) {
            this.value = value;
        }

        int value() {
            return value;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            out.defaultWriteObject();
        }
    }

    @Test
    void resultThatIsSlowToSerialize_doesNotGetItsWorkerKilledAsFrozen() throws Exception {
        ProcessWorkerPool p = pool(1); // heartbeat timeout 1.5 s
        try {
            long started = System.nanoTime();
            SlowToWrite r = p.submit((TaskCallable<SlowToWrite>) () -> new SlowToWrite(11)).get(20, TimeUnit.SECONDS);
            assertEquals(11, r.value());
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(2_500), "writeObject ran");
            assertEquals(0, p.workerDetails().get(0).restarts());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void resultNestedTooDeep_failsThatTaskWithAClearError_andTheWorkerGoesOn() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            Future<Object> f = p.submit((TaskCallable<Object>) () -> {
                List<Object> root = new ArrayList<>();
                List<Object> at = root;
                for (int i = 0; i < 150; i++) { // deeper than a result may be (100), well within what a worker can write
                    List<Object> next = new ArrayList<>();
                    at.add(next);
                    at = next;
                }
                return root;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("could not read the task's result"), e.getCause().getMessage());
            assertEquals(2, p.submit((TaskCallable<Integer>) () -> 2).get(20, TimeUnit.SECONDS));
            assertEquals(0, p.workerDetails().get(0).restarts());
        } finally {
            closeAndCheck(p);
        }
    }
}
