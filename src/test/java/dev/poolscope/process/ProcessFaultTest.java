package dev.poolscope.process;

import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.WorkerState;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.pool.TaskCallable;
import dev.poolscope.pool.TaskTimeoutException;
import dev.poolscope.pool.WorkerDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static dev.poolscope.process.ProcessTestSupport.await;
import static dev.poolscope.process.ProcessTestSupport.awaitFullSize;
import static dev.poolscope.process.ProcessTestSupport.closeAndCheck;
import static dev.poolscope.process.ProcessTestSupport.config;
import static dev.poolscope.process.ProcessTestSupport.pool;
import static dev.poolscope.process.ProcessTestSupport.quick;
import static dev.poolscope.process.ProcessTestSupport.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults only a separate process can show: each one fails exactly the task(s)
 * it hit with a cause naming worker, PID, phase and exit; every other task
 * succeeds; the pool returns to full size; counts add up; no process is left.
 */
@Timeout(120)
class ProcessFaultTest {

    private static WorkerCrashedException crashOf(Future<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        return assertInstanceOf(WorkerCrashedException.class, e.getCause());
    }

    @Test
    void crash_failsOnlyCrashingTasks_namesExitCode_andPoolRecovers() throws Exception {
        ProcessWorkerPool p = pool(2);
        try {
            List<Future<Object>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fs.add(p.submit(task("crash:p=0.2,code=3,millis=0", i)));
            }
            int failed = 0;
            for (Future<Object> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    WorkerCrashedException c = assertInstanceOf(WorkerCrashedException.class, e.getCause());
                    assertTrue(c.getMessage().matches("worker \\d+ \\(pid \\d+\\) died while running task \\d+: exit code 3.*"),
                            c.getMessage());
                    failed++;
                }
            }
            assertTrue(failed > 0 && failed < 40, "some but not all crashed: " + failed);
            Counts c = ProcessTestSupport.awaitEnded(p, 40);
            assertEquals(failed, c.failed());
            assertEquals(40 - failed, c.succeeded());
            assertEquals(failed, p.metrics().restarts(), "one restart per crash");
            awaitFullSize(p);
            assertEquals(2, p.liveWorkers());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void systemExit_inTask_endsOnlyItsWorker() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            WorkerCrashedException c = crashOf(p.submit(task("exit:code=2", 0)));
            assertTrue(c.exit().contains("exit code 2"), c.getMessage());
            assertEquals(5, p.submit((TaskCallable<Integer>) () -> 5).get());
            assertEquals(1, p.workerDetails().get(0).restarts());
            assertTrue(p.workerDetails().get(0).exitReasons().get(0).contains("exit code 2"));
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void busyWorkerKilledFromOutside_failsItsTask_withSignal() throws Exception {
        ProcessWorkerPool p = pool(2);
        try {
            Future<Object> hung = p.submit(task("hang", 0));
            await("the hang task is running", Duration.ofSeconds(20), () -> p.metrics().counts().running() == 1);
            int busy = p.workerSnapshots().stream().filter(w -> w.state() == WorkerState.BUSY).findFirst().orElseThrow().id();
            long pid = p.workerSnapshots().stream().filter(w -> w.id() == busy).findFirst().orElseThrow().pid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            WorkerCrashedException c = crashOf(hung);
            assertEquals(busy, c.workerId());
            assertEquals(pid, c.pid());
            assertTrue(c.phase().startsWith("running task"), c.phase());
            assertTrue(c.exit().contains("signal 9 (SIGKILL)"), c.exit());
            awaitFullSize(p);
            assertEquals(List.of(1, 2, 3, 4), p.map(x -> x, List.of(1, 2, 3, 4)));
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void idleWorkersKilledAllAtOnce_areReplaced() throws Exception {
        ProcessWorkerPool p = pool(3);
        try {
            List<Long> pids = p.workerPids();
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            await("all three replaced", Duration.ofSeconds(30),
                    () -> p.metrics().restarts() == 3 && p.workerPids().size() == 3
                            && p.workerPids().stream().noneMatch(pids::contains));
            awaitFullSize(p);
            assertEquals(List.of(2, 4, 6), p.map(x -> 2 * x, List.of(1, 2, 3)));
            for (WorkerDetail d : p.workerDetails()) {
                assertEquals(1, d.restarts());
                assertEquals(2, d.startupMillis().size());
                assertTrue(d.exitReasons().get(0).contains("SIGKILL"), d.exitReasons().toString());
            }
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void killWorker_throughThePoolInterface_bySampledSlot_likeTheDashboardButton() throws Exception {
        ProcessWorkerPool p = pool(2);
        try {
            dev.poolscope.pool.WorkerPool asPool = p;
            assertTrue(asPool.killsWorkers());
            var sampler = new dev.poolscope.metrics.MetricsSampler(p.metrics(), p, Duration.ofMillis(100));
            var row = sampler.sample().workers().stream().filter(w -> w.label().equals("process-1")).findFirst()
                    .orElseThrow();
            assertEquals(1, row.slot(), "the sampled snapshot carries the pool's slot id");
            long pid = asPool.killWorker(row.slot());
            assertTrue(pid > 0);
            await("worker replaced", Duration.ofSeconds(30), () -> p.metrics().restarts() == 1);
            awaitFullSize(p);
            assertTrue(p.workerDetails().get(1).exitReasons().get(0).startsWith("killed on request"));
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void frozenWorker_isDetectedByHeartbeat_killedAndReplaced() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            Future<Object> hung = p.submit(task("hang", 0));
            await("the task is running", Duration.ofSeconds(20), () -> p.metrics().counts().running() == 1);
            long pid = p.workerPids().get(0);
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start();
            assertEquals(0, stop.waitFor());
            WorkerCrashedException c = crashOf(hung);
            assertTrue(c.exit().startsWith("frozen: no heartbeat"), c.getMessage());
            assertEquals(pid, c.pid());
            awaitFullSize(p);
            assertEquals(1, p.submit((TaskCallable<Integer>) () -> 1).get());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void spinningTask_pastTimeout_isTimedOut_andPipelinedTasksBehindItStillRun() throws Exception {
        ProcessWorkerPool p = new ProcessWorkerPool(config(1, Duration.ofSeconds(2)), quick().withPipelineDepth(3));
        try {
            Future<Object> spin = p.submit(task("spin", 0));
            Future<Object> a = p.submit(task("noop", 1));
            Future<Object> b = p.submit(task("noop", 2));
            ExecutionException e = assertThrows(ExecutionException.class, spin::get);
            assertInstanceOf(TaskTimeoutException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("was killed"), e.getCause().getMessage());
            assertEquals(1L, a.get());
            assertEquals(2L, b.get());
            Counts c = ProcessTestSupport.awaitEnded(p, 3);
            assertEquals(1, c.timedOut());
            assertEquals(2, c.succeeded());
            assertEquals(1, p.metrics().restarts());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void hangingTask_pastTimeout_isTimedOut() throws Exception {
        ProcessWorkerPool p = new ProcessWorkerPool(config(2, Duration.ofMillis(300)), quick());
        try {
            Future<Object> hang = p.submit(task("hang", 0));
            ExecutionException e = assertThrows(ExecutionException.class, hang::get);
            assertInstanceOf(TaskTimeoutException.class, e.getCause());
            awaitFullSize(p);
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void outOfMemory_failsTheTask_withRemoteType() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            ExecutionException e = assertThrows(ExecutionException.class, () -> p.submit(task("oom", 0)).get());
            if (e.getCause() instanceof OutOfMemoryError own) {
                // the task's own error, with the worker named in a suppressed RemoteTaskException
                Throwable named = own.getSuppressed().length > 0 ? own.getSuppressed()[0] : own.getCause();
                assertInstanceOf(RemoteTaskException.class, named);
            } else if (e.getCause() instanceof RemoteTaskException r) {
                assertEquals("java.lang.OutOfMemoryError", r.remoteType()); // it could not be serialized in time
            } else {
                // the heap ran out in another thread of the worker first: then the worker died
                assertInstanceOf(WorkerCrashedException.class, e.getCause());
            }
            assertEquals(4, p.submit((TaskCallable<Integer>) () -> 4).get());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void taskCorruptingTheChannel_breaksOnlyItsWorker() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            Future<Object> garbage = p.submit((TaskCallable<Object>) () -> {
                FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
                raw.write(new byte[] {0x7f, 1, 2, 3, 4, 5, 6, 7, 8});
                raw.flush();
                Thread.sleep(60_000);
                return null;
            });
            WorkerCrashedException c = crashOf(garbage);
            assertTrue(c.exit().contains("protocol error: bad frame length"), c.getMessage());
            Future<Object> stray = p.submit((TaskCallable<Object>) () -> {
                DataOutputStream raw = new DataOutputStream(new FileOutputStream(FileDescriptor.out));
                // a well-formed RESULT for a task this worker never had
                raw.writeInt(1 + 8 + 8 + 1);
                raw.writeByte(20);
                raw.writeLong(987_654_321L);
                raw.writeLong(0);
                raw.writeByte(0);
                raw.flush();
                Thread.sleep(60_000);
                return null;
            });
            WorkerCrashedException c2 = crashOf(stray);
            assertTrue(c2.exit().contains("reply for task 987654321, which the worker does not hold"), c2.getMessage());
            assertEquals(2, p.metrics().restarts());
            assertEquals(6, p.submit((TaskCallable<Integer>) () -> 6).get());
            Counts counts = ProcessTestSupport.awaitEnded(p, 3);
            assertEquals(2, counts.failed());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void badJvmOption_failsFast_withTheWorkersOwnError() {
        PoolConfig cfg = PoolConfig.of(2).withProcessOptions(0, List.of("-XX:+NoSuchOptionAtAll"), null);
        long start = System.nanoTime();
        WorkerStartException e = assertThrows(WorkerStartException.class, () -> new ProcessWorkerPool(cfg, quick()));
        assertTrue(e.getMessage().contains("Unrecognized VM option 'NoSuchOptionAtAll'"), e.getMessage());
        assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "failed fast");
        ProcessTestSupport.assertNoChildren();
    }

    @Test
    void missingInitializerClass_failsFast() {
        PoolConfig cfg = PoolConfig.of(1).withProcessOptions(0, List.of(), "no.such.Initializer");
        WorkerStartException e = assertThrows(WorkerStartException.class, () -> new ProcessWorkerPool(cfg, quick()));
        assertTrue(e.getMessage().contains("ClassNotFoundException: no.such.Initializer"), e.getMessage());
        ProcessTestSupport.assertNoChildren();
    }

    @Test
    void initializer_runsOncePerWorker() throws Exception {
        PoolConfig cfg = PoolConfig.of(2).withProcessOptions(0, List.of(), TestInitializer.class.getName());
        ProcessWorkerPool p = new ProcessWorkerPool(cfg, quick());
        try {
            List<String> seen = p.map(x -> System.getProperty("poolscope.test.init"), List.of(1, 2, 3, 4, 5, 6));
            assertEquals(List.of("1", "1", "1", "1", "1", "1"), seen);
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void workerJvmOptions_reachTheWorker() throws Exception {
        PoolConfig cfg = PoolConfig.of(1).withProcessOptions(0, List.of("-Dpoolscope.test.flag=on"), null);
        ProcessWorkerPool p = new ProcessWorkerPool(cfg, quick());
        try {
            assertEquals("on", p.submit((TaskCallable<String>) () -> System.getProperty("poolscope.test.flag")).get());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void jvmOptionsThatPrintToStdout_doNotCorruptTheChannel() throws Exception {
        PoolConfig cfg = PoolConfig.of(1).withProcessOptions(0,
                List.of("-XX:+PrintFlagsFinal", "-verbose:gc", "-Xlog:safepoint"), null);
        ProcessWorkerPool p = new ProcessWorkerPool(cfg, quick());
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(i, p.submit((TaskCallable<Integer>) () -> {
                    System.gc();
                    return 0;
                }).get() + i);
            }
            int id = p.workerIds().get(0);
            await("GC lines in the worker log", Duration.ofSeconds(10),
                    () -> p.workerLog(id).stream().anyMatch(l -> l.contains("Pause Full")));
            assertTrue(p.workerLog(id).stream().anyMatch(l -> l.contains("UseSerialGC")), "flags printed before the handshake are logged");
            assertEquals(0, p.metrics().restarts());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void maxTasksPerWorker_recyclesTheProcess() throws Exception {
        PoolConfig cfg = PoolConfig.of(1).withProcessOptions(5, List.of(), null);
        ProcessWorkerPool p = new ProcessWorkerPool(cfg, quick());
        try {
            Set<Long> pids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                pids.add(p.submit((TaskCallable<Long>) () -> ProcessHandle.current().pid()).get());
            }
            assertEquals(4, pids.size(), "a new process every 5 tasks");
            await("fourth recycling counted", Duration.ofSeconds(30), () -> p.metrics().restarts() >= 3);
            WorkerDetail d = p.workerDetails().get(0);
            assertEquals(20, d.tasks());
            assertTrue(d.exitReasons().get(0).startsWith("recycled after 5 tasks"), d.exitReasons().toString());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void resize_growsAndShrinks_withoutLosingTasks() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            p.resize(3);
            awaitFullSize(p);
            assertEquals(3, p.workerPids().size());
            List<Future<Object>> fs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                fs.add(p.submit(task("io:millis=5", i)));
            }
            p.resize(1);
            for (Future<Object> f : fs) {
                f.get();
            }
            await("shrunk to one process", Duration.ofSeconds(30), () -> p.liveWorkers() == 1);
            assertEquals(1, p.workers());
            assertEquals(0, p.metrics().restarts());
        } finally {
            closeAndCheck(p);
        }
        assertEquals(30, p.metrics().counts().succeeded());
    }

    @Test
    void shutdown_drainsQueuedTasks() throws Exception {
        ProcessWorkerPool p = pool(2);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fs.add(p.submit(task("io:millis=5", i)));
        }
        closeAndCheck(p);
        for (Future<Object> f : fs) {
            assertTrue(f.isDone());
            f.get();
        }
        assertEquals(20, p.metrics().counts().succeeded());
    }

    @Test
    void shutdownNow_killsWorkers_andReturnsNeverStartedTasksCancelled() throws Exception {
        ProcessWorkerPool p = new ProcessWorkerPool(config(1), quick().withPipelineDepth(1));
        Future<Object> hung = p.submit(task("hang", 0));
        List<Future<Object>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(p.submit(task("noop", i)));
        }
        await("the hang task is running", Duration.ofSeconds(20), () -> p.metrics().counts().running() == 1);
        List<Runnable> never = p.shutdownNow();
        assertEquals(5, never.size());
        assertThrows(CancellationException.class, hung::get);
        for (Future<Object> f : queued) {
            assertTrue(f.isCancelled());
        }
        closeAndCheck(p);
        assertEquals(6, p.metrics().counts().cancelled());
    }

    @Test
    void boundedQueue_withAbort_rejectsWhenFull() throws Exception {
        PoolConfig cfg = new PoolConfig(1, 2, RejectionPolicy.ABORT, Duration.ZERO, 0, List.of(), null);
        ProcessWorkerPool p = new ProcessWorkerPool(cfg, quick().withPipelineDepth(1));
        try {
            Future<Object> hung = p.submit(task("hang", 0));
            await("the hang task is running", Duration.ofSeconds(20), () -> p.metrics().counts().running() == 1);
            p.submit(task("noop", 1));
            p.submit(task("noop", 2));
            assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> p.submit(task("noop", 3)));
            assertEquals(1, p.metrics().counts().rejected());
            hung.cancel(true);
            p.shutdownNow();
        } finally {
            closeAndCheck(p);
        }
    }
}
