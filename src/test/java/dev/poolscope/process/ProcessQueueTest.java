package dev.poolscope.process;

import dev.poolscope.metrics.Counts;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.pool.TaskCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queue capacity and every rejection policy on the process pool (one worker, no pipelining, queue of 1). */
@Timeout(90)
class ProcessQueueTest {

    /** A file that tasks in worker processes wait for (at most 30 s). */
    record FileGate(String path) implements TaskCallable<Boolean> {
        static FileGate create() {
            try {
                Path dir = Files.createTempDirectory("poolscope-gate");
                dir.toFile().deleteOnExit();
                return new FileGate(dir.resolve("open").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void open() throws IOException {
            Files.createFile(Path.of(path)).toFile().deleteOnExit();
        }

        @Override
        public Boolean call() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(Path.of(path))) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(2);
            }
            return true;
        }
    }

    private static ProcessWorkerPool pool(RejectionPolicy policy) {
        PoolConfig cfg = new PoolConfig(1, 1, policy, Duration.ZERO, 0, List.of(), null);
        return new ProcessWorkerPool(cfg, ProcessTestSupport.quick().withPipelineDepth(1));
    }

    /** One task running on the only worker and one in the queue of 1. */
    private static List<Future<?>> saturate(ProcessWorkerPool p, FileGate gate) {
        List<Future<?>> held = new ArrayList<>();
        held.add(p.submit(gate));
        ProcessTestSupport.await("first task running", Duration.ofSeconds(20), () -> p.metrics().counts().running() == 1);
        held.add(p.submit(gate));
        return held;
    }

    @Test
    void discardOldest_rejectsTheOldestQueuedTask() throws Exception {
        ProcessWorkerPool p = pool(RejectionPolicy.DISCARD_OLDEST);
        FileGate gate = FileGate.create();
        try {
            List<Future<?>> held = saturate(p, gate);
            Future<Integer> newest = p.submit((TaskCallable<Integer>) () -> 7);
            ExecutionException e = assertThrows(ExecutionException.class, () -> held.get(1).get(10, TimeUnit.SECONDS));
            assertInstanceOf(RejectedExecutionException.class, e.getCause());
            gate.open();
            assertEquals(7, newest.get(20, TimeUnit.SECONDS));
        } finally {
            if (!Files.exists(Path.of(gate.path()))) {
                gate.open();
            }
            ProcessTestSupport.closeAndCheck(p);
        }
        Counts c = p.metrics().counts();
        assertEquals(1, c.rejected());
        assertEquals(2, c.succeeded());
    }

    @Test
    void callerRuns_runsTheTaskInTheSubmittingThread() throws Exception {
        ProcessWorkerPool p = pool(RejectionPolicy.CALLER_RUNS);
        FileGate gate = FileGate.create();
        try {
            saturate(p, gate);
            long me = ProcessHandle.current().pid();
            Future<Long> f = p.submit((TaskCallable<Long>) () -> ProcessHandle.current().pid());
            assertTrue(f.isDone(), "ran before submit returned");
            assertEquals(me, f.get());
            gate.open();
        } finally {
            ProcessTestSupport.closeAndCheck(p);
        }
        assertEquals(3, p.metrics().counts().succeeded());
    }

    @Test
    void block_makesTheSubmitterWaitForRoom_andShutdownRejectsIt() throws Exception {
        ProcessWorkerPool p = pool(RejectionPolicy.BLOCK);
        FileGate gate = FileGate.create();
        try {
            saturate(p, gate);
            CountDownLatch submitted = new CountDownLatch(1);
            Thread submitter = Thread.ofPlatform().start(() -> {
                p.submit((TaskCallable<Integer>) () -> 3);
                submitted.countDown();
            });
            assertFalse(submitted.await(300, TimeUnit.MILLISECONDS), "submitter waits while the queue is full");
            gate.open();
            assertTrue(submitted.await(20, TimeUnit.SECONDS), "submitter goes on once there is room");
            submitter.join(10_000);

            FileGate second = FileGate.create();
            saturate(p, second);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread blocked = Thread.ofPlatform().start(() -> {
                try {
                    p.submit((TaskCallable<Integer>) () -> 4);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            ProcessTestSupport.await("sixth task submitted", Duration.ofSeconds(10), () -> p.metrics().counts().submitted() == 6);
            p.shutdown();
            blocked.join(10_000);
            assertInstanceOf(RejectedExecutionException.class, thrown.get());
            second.open();
        } finally {
            ProcessTestSupport.closeAndCheck(p);
        }
        Counts c = p.metrics().counts();
        assertEquals(5, c.succeeded());
        assertEquals(1, c.rejected());
    }
}
