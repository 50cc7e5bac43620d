package dev.poolscope.process;

import dev.poolscope.metrics.Counts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.poolscope.process.ProcessTestSupport.await;
import static dev.poolscope.process.ProcessTestSupport.closeAndCheck;
import static dev.poolscope.process.ProcessTestSupport.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker killed from outside while it runs batches of short built-in tasks:
 * only the unanswered tasks of the one batch that may have started fail, each
 * with {@link WorkerCrashedException}; every later task runs on the replacement.
 */
@Timeout(120)
class BatchKillTest {
    private static final int TASKS = 60_000;

    @Test
    void outsideKillDuringBatches_failsAtMostOneBatch_andTheRestSucceedOnTheReplacement() throws Exception {
        ProcessWorkerPool p = ProcessTestSupport.pool(1);
        try {
            List<Future<Object>> futures = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS / 2; i++) {
                futures.add(p.submit(task("noop", i)));
            }
            long pid = p.workerPids().get(0);
            // once the stream is flowing (and the pool has measured its tasks as short), kill the worker mid-stream
            await("some no-op tasks done", Duration.ofSeconds(60), () -> p.metrics().counts().succeeded() >= 2_000);
            for (int i = TASKS / 2; i < TASKS; i++) {
                futures.add(p.submit(task("noop", i)));
            }
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false), "worker " + pid + " alive");
            int failed = 0;
            for (Future<Object> f : futures) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertInstanceOf(WorkerCrashedException.class, e.getCause(), String.valueOf(e.getCause()));
                    assertTrue(e.getCause().getMessage().contains(String.valueOf(pid)), e.getCause().getMessage());
                    failed++;
                }
            }
            assertTrue(failed <= ChannelWriter.MAX_BATCH, failed + " tasks failed for one kill; a batch holds at most "
                    + ChannelWriter.MAX_BATCH);
            Counts c = ProcessTestSupport.awaitEnded(p, TASKS);
            assertEquals(failed, c.failed(), c.toString());
            assertEquals(TASKS - failed, c.succeeded(), c.toString());
            assertTrue(p.workerPids().stream().noneMatch(x -> x == pid), "the killed worker was replaced");
        } finally {
            closeAndCheck(p);
        }
    }
}
